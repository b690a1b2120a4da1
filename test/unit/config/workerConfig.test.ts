import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/configError.js';
import { loadWorkerConfig } from '../../../src/config/workerConfig.js';

const REQUIRED = {
  POLICY_FILE: '.copy-autopilot/policy-0123456789ab.json',
  IDEMPOTENCY_TABLE_NAME: 'copy-autopilot-dev-idempotency',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/copy-autopilot-dev-dlq',
  AWS_REGION: 'us-east-1',
  AWS_ACCOUNT_ID: '111111111111',
};

describe('Function: loadWorkerConfig', () => {
  it('applies the documented defaults', () => {
    // Act
    const config = loadWorkerConfig({ ...REQUIRED, LAMBDA_TASK_ROOT: '/var/task' });

    // Assess
    expect(config).toEqual({
      policyFile: '/var/task/.copy-autopilot/policy-0123456789ab.json',
      idempotencyTableName: REQUIRED.IDEMPOTENCY_TABLE_NAME,
      deadLetterQueueUrl: REQUIRED.DEAD_LETTER_QUEUE_URL,
      backoff: { baseSeconds: 5, maxSeconds: 900 },
      idempotencyTtlSeconds: 86_400,
      region: 'us-east-1',
      accountId: '111111111111',
    });
  });

  it('reads the optional settings', () => {
    // Act
    const config = loadWorkerConfig({
      ...REQUIRED,
      LAMBDA_TASK_ROOT: '/var/task',
      POLICY_FILE: 'policies/prod.yml',
      BACKOFF_BASE_SECONDS: '2',
      BACKOFF_MAX_SECONDS: '60',
      IDEMPOTENCY_TTL_SECONDS: '3600',
      AWS_ACCOUNT_ID: '222222222222',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    });

    // Assess
    expect(config).toMatchObject({
      policyFile: '/var/task/policies/prod.yml',
      backoff: { baseSeconds: 2, maxSeconds: 60 },
      idempotencyTtlSeconds: 3600,
      accountId: '222222222222',
      endpointUrl: 'http://127.0.0.1:4566',
    });
    expect(config).not.toHaveProperty('memberRoleName');
  });

  it.each([
    ['POLICY_FILE', { POLICY_FILE: undefined }],
    ['IDEMPOTENCY_TABLE_NAME', { IDEMPOTENCY_TABLE_NAME: undefined }],
    ['DEAD_LETTER_QUEUE_URL', { DEAD_LETTER_QUEUE_URL: 'not-a-url' }],
    ['AWS_REGION', { AWS_REGION: ' ' }],
    ['BACKOFF_BASE_SECONDS', { BACKOFF_BASE_SECONDS: 'five' }],
    ['BACKOFF_MAX_SECONDS', { BACKOFF_BASE_SECONDS: '100', BACKOFF_MAX_SECONDS: '10' }],
    ['IDEMPOTENCY_TTL_SECONDS', { IDEMPOTENCY_TTL_SECONDS: '0' }],
    ['AWS_ACCOUNT_ID', { AWS_ACCOUNT_ID: '1234' }],
    ['AWS_ACCOUNT_ID', { AWS_ACCOUNT_ID: undefined }],
  ])('throws a ConfigError naming %s', (variable, overrides) => {
    // Act
    const load = () => loadWorkerConfig({ ...REQUIRED, ...overrides });

    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(expect.objectContaining({ variable, message: expect.stringContaining(variable) }));
  });
});
