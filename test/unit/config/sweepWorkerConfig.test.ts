import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/configError.js';
import { loadSweepPlannerConfig } from '../../../src/config/sweepPlannerConfig.js';
import { loadSweepWorkerConfig } from '../../../src/config/sweepWorkerConfig.js';

const DLQ_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/copy-autopilot-test-sweep-tasks-dlq';
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/copy-autopilot-test-sweep-tasks';

const REQUIRED = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCOUNT_ID: '000000000000',
  LAMBDA_TASK_ROOT: '/var/task',
  POLICY_FILE: '.copy-autopilot/policy-0123456789ab.json',
  SWEEP_TASKS_DEAD_LETTER_QUEUE_URL: DLQ_URL,
};

describe('Function: loadSweepWorkerConfig', () => {
  it('returns the defaults, with the policy resolved against LAMBDA_TASK_ROOT', () => {
    // Act
    const config = loadSweepWorkerConfig(REQUIRED);

    // Assess
    expect(config).toEqual({
      policyFile: '/var/task/.copy-autopilot/policy-0123456789ab.json',
      eventBusName: 'default',
      concurrency: 4,
      ratePerSecond: 10,
      deadLetterQueueUrl: DLQ_URL,
      maxAttempts: 5,
      backoff: { baseSeconds: 60, maxSeconds: 900 },
      region: 'eu-west-1',
      accountId: '000000000000',
      endpointUrl: undefined,
    });
  });

  it('reads every variable', () => {
    // Act
    const config = loadSweepWorkerConfig({
      ...REQUIRED,
      EVENT_BUS_NAME: 'automation',
      SWEEP_CONCURRENCY: '8',
      SWEEP_RATE_PER_SECOND: '2.5',
      SWEEP_TASK_MAX_RECEIVE_COUNT: '3',
      SWEEP_BACKOFF_BASE_SECONDS: '10',
      SWEEP_BACKOFF_MAX_SECONDS: '60',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    });

    // Assess
    expect(config).toMatchObject({
      eventBusName: 'automation',
      concurrency: 8,
      ratePerSecond: 2.5,
      maxAttempts: 3,
      backoff: { baseSeconds: 10, maxSeconds: 60 },
      endpointUrl: 'http://127.0.0.1:4566',
    });
  });

  it.each([
    ['AWS_REGION', { AWS_REGION: undefined }],
    ['AWS_ACCOUNT_ID', { AWS_ACCOUNT_ID: undefined }],
    ['AWS_ACCOUNT_ID', { AWS_ACCOUNT_ID: '1234' }],
    ['SWEEP_TASKS_DEAD_LETTER_QUEUE_URL', { SWEEP_TASKS_DEAD_LETTER_QUEUE_URL: 'copy-autopilot-dlq' }],
    ['SWEEP_CONCURRENCY', { SWEEP_CONCURRENCY: '2.5' }],
    ['SWEEP_RATE_PER_SECOND', { SWEEP_RATE_PER_SECOND: '0' }],
    ['SWEEP_TASK_MAX_RECEIVE_COUNT', { SWEEP_TASK_MAX_RECEIVE_COUNT: 'five' }],
    ['SWEEP_BACKOFF_MAX_SECONDS', { SWEEP_BACKOFF_BASE_SECONDS: '100', SWEEP_BACKOFF_MAX_SECONDS: '10' }],
  ])('throws a ConfigError naming %s', (variable, overrides) => {
    // Act
    const load = () => loadSweepWorkerConfig({ ...REQUIRED, ...overrides });

    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('Function: loadSweepPlannerConfig', () => {
  it('reads the policy, the task queue, the home region and account', () => {
    // Act
    const config = loadSweepPlannerConfig({
      AWS_REGION: 'eu-west-1',
      AWS_ACCOUNT_ID: '000000000000',
      POLICY_FILE: '/opt/policy.json',
      SWEEP_TASKS_QUEUE_URL: QUEUE_URL,
    });

    // Assess
    expect(config).toEqual({
      policyFile: '/opt/policy.json',
      taskQueueUrl: QUEUE_URL,
      region: 'eu-west-1',
      accountId: '000000000000',
      endpointUrl: undefined,
    });
  });

  it('throws a ConfigError naming a missing task queue', () => {
    // Act & Assess
    expect(() =>
      loadSweepPlannerConfig({
        AWS_REGION: 'eu-west-1',
        AWS_ACCOUNT_ID: '000000000000',
        POLICY_FILE: '/opt/p.json',
      }),
    ).toThrow(/^SWEEP_TASKS_QUEUE_URL:/);
  });
});
