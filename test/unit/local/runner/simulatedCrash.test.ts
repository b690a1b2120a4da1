import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDeployment } from '../../../../src/local/runner/cloudFormation/types.js';
import { LambdaRunner } from '../../../../src/local/runner/lambdaRunner.js';
import { useLocalSqs } from './useLocalSqs.js';

interface Seen {
  readonly callsInThisEnvironment: number;
  readonly receiveCount: string;
  readonly remainingMs: number;
}

/** What the handler module reports; module-level state is per execution environment. */
const HANDLER_SOURCE = `
let calls = 0;
export const handler = async (event, context) => {
  calls += 1;
  for (const record of event.Records) {
    globalThis.__crashTestSeen.push({
      callsInThisEnvironment: calls,
      receiveCount: record.attributes.ApproximateReceiveCount,
      remainingMs: context.getRemainingTimeInMillis(),
    });
  }
  return { batchItemFailures: [] };
};
`;

describe('Local runner: simulated crash after a batch', () => {
  const local = useLocalSqs();
  let serviceDir: string;

  beforeAll(() => {
    serviceDir = mkdtempSync(join(tmpdir(), 'crash-runner-'));
    writeFileSync(join(serviceDir, 'handler.mjs'), HANDLER_SOURCE);
  });

  afterAll(() => {
    rmSync(serviceDir, { recursive: true, force: true });
  });

  it('loses the response, leaves the batch on the queue and starts the next invocation in a fresh environment', async () => {
    // Prepare
    const seen: Seen[] = [];
    (globalThis as { __crashTestSeen?: Seen[] }).__crashTestSeen = seen;
    const { QueueUrl = '' } = await local.sqs.send(
      new CreateQueueCommand({ QueueName: 'crash-test', Attributes: { VisibilityTimeout: '1' } }),
    );
    const deployment: LocalDeployment = {
      queues: {},
      rules: [],
      tables: [],
      functions: {
        worker: {
          logicalId: 'WorkerLambdaFunction',
          name: 'worker',
          arn: 'arn:aws:lambda:us-east-1:000000000000:function:worker',
          handler: 'handler.handler',
          environment: {},
          timeoutSeconds: 60,
          memoryMb: 128,
        },
      },
      eventSourceMappings: [
        {
          functionName: 'worker',
          queueArn: 'arn:aws:sqs:us-east-1:000000000000:crash-test',
          queueUrl: QueueUrl,
          batchSize: 10,
          maximumBatchingWindowSeconds: 0,
          reportBatchItemFailures: true,
          maximumConcurrency: 1,
        },
      ],
      schedules: [],
      skipped: [],
    };
    let crashes = 0;
    const runner = new LambdaRunner({
      deployment,
      serviceDir,
      sqs: local.sqs,
      region: 'us-east-1',
      runtimeEnvironment: {},
      functionTimeoutSeconds: 3,
      crashAfterBatch: () => {
        crashes += 1;
        return crashes === 1;
      },
    });

    // Act
    await local.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
    runner.start();
    const deadline = Date.now() + 10_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await runner.stop();

    // Assess
    expect(seen.map((entry) => entry.receiveCount)).toEqual(['1', '2']);
    expect(seen.map((entry) => entry.callsInThisEnvironment)).toEqual([1, 1]);
    expect(seen.every((entry) => entry.remainingMs <= 3_000 && entry.remainingMs > 0)).toBe(true);
    expect(runner.invocations[0]?.error).toContain('SimulatedCrashError');
    expect(runner.invocations[0]?.batch).toMatchObject({ size: 1, failed: 1 });
    expect(runner.invocations[1]?.error).toBeUndefined();
    expect(local.cloud.sqs.peek('crash-test')).toHaveLength(0);
  });
});
