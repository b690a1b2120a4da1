import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { LocalDeployment } from '../../../../src/local/runner/cloudFormation/types.js';
import { HandlerLoadError, LambdaRunner } from '../../../../src/local/runner/lambdaRunner.js';

const deployment: LocalDeployment = {
  queues: {},
  rules: [],
  tables: [],
  functions: {
    sweep: {
      logicalId: 'SweepLambdaFunction',
      name: 'sweep',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:sweep',
      handler: 'missing/module.handler',
      environment: {},
      timeoutSeconds: 60,
      memoryMb: 128,
    },
  },
  eventSourceMappings: [],
  schedules: [],
  skipped: [],
};

describe('Local runner: LambdaRunner.invoke', () => {
  it('fails an invocation that waited for an environment whose load failed, instead of leaving it waiting', async () => {
    // Prepare
    const sqs = new SQSClient({ region: 'us-east-1' });
    const runner = new LambdaRunner({
      deployment,
      serviceDir: '/nonexistent-service-dir',
      sqs,
      region: 'us-east-1',
      runtimeEnvironment: {},
    });

    // Act: the second invocation waits for the only environment, which the first fails to load
    const first = runner.invoke('sweep', {});
    const second = runner.invoke('sweep', {});
    const outcomes = await Promise.allSettled([
      first,
      Promise.race([second, new Promise((resolve) => setTimeout(resolve, 2_000, 'still waiting'))]),
    ]);
    sqs.destroy();

    // Assess
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : undefined))).toEqual([
      expect.any(HandlerLoadError),
      expect.any(HandlerLoadError),
    ]);
  });
});
