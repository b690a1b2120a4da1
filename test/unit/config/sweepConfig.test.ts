import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/configError.js';
import { loadSweepConfig } from '../../../src/config/sweepConfig.js';

describe('Function: loadSweepConfig', () => {
  it('returns the defaults, with the policy resolved against LAMBDA_TASK_ROOT', () => {
    // Act
    const config = loadSweepConfig({
      AWS_REGION: 'eu-west-1',
      LAMBDA_TASK_ROOT: '/var/task',
      POLICY_FILE: '.copy-autopilot/policy-0123456789ab.json',
    });

    // Assess
    expect(config).toEqual({
      policyFile: '/var/task/.copy-autopilot/policy-0123456789ab.json',
      eventBusName: 'default',
      concurrency: 4,
      ratePerSecond: 10,
      region: 'eu-west-1',
    });
  });

  it('reads every variable', () => {
    // Act
    const config = loadSweepConfig({
      AWS_REGION: 'us-east-1',
      LAMBDA_TASK_ROOT: '/var/task',
      POLICY_FILE: 'policies/prod.yml',
      EVENT_BUS_NAME: 'automation',
      SWEEP_CONCURRENCY: '8',
      SWEEP_RATE_PER_SECOND: '2.5',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    });

    // Assess
    expect(config).toEqual({
      policyFile: '/var/task/policies/prod.yml',
      eventBusName: 'automation',
      concurrency: 8,
      ratePerSecond: 2.5,
      region: 'us-east-1',
      endpointUrl: 'http://127.0.0.1:4566',
    });
  });

  it('keeps an absolute POLICY_FILE as it is', () => {
    // Act & Assess
    expect(loadSweepConfig({ AWS_REGION: 'us-east-1', POLICY_FILE: '/opt/policy.yml' }).policyFile).toBe(
      '/opt/policy.yml',
    );
  });

  it.each([
    [{ SWEEP_CONCURRENCY: '1.5' }, 'SWEEP_CONCURRENCY'],
    [{ SWEEP_CONCURRENCY: '0' }, 'SWEEP_CONCURRENCY'],
    [{ SWEEP_RATE_PER_SECOND: 'fast' }, 'SWEEP_RATE_PER_SECOND'],
    [{ SWEEP_RATE_PER_SECOND: '-1' }, 'SWEEP_RATE_PER_SECOND'],
    [{ AWS_REGION: '' }, 'AWS_REGION'],
    [{ POLICY_FILE: undefined }, 'POLICY_FILE'],
  ])('throws a ConfigError naming the variable for %o', (override, variable) => {
    // Act
    const load = () => loadSweepConfig({ AWS_REGION: 'us-east-1', POLICY_FILE: 'policy.json', ...override });

    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^${variable}:`));
  });
});
