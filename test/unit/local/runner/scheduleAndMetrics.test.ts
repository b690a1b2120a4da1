import { describe, expect, it } from 'vitest';
import { addEmfRecord, createMetricTotals, sumOf } from '../../../../src/local/runner/emfMetrics.js';
import { scheduledEvent } from '../../../../src/local/runner/scheduledEvent.js';
import { parseRate } from '../../../../src/local/runner/scheduleExpression.js';

describe('Function: parseRate', () => {
  it('returns the period of rate expressions in every unit', () => {
    // Act & Assess
    expect(parseRate('rate(1 minute)')).toBe(60_000);
    expect(parseRate('rate(6 hours)')).toBe(21_600_000);
    expect(parseRate('rate(2 days)')).toBe(172_800_000);
  });

  it('returns undefined for cron expressions and nonsense', () => {
    // Act & Assess
    expect(parseRate('cron(0 12 * * ? *)')).toBeUndefined();
    expect(parseRate('rate(five minutes)')).toBeUndefined();
  });
});

describe('Function: scheduledEvent', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('names the rule in %s by its ARN in the %s partition', (region, partition) => {
    // Act
    const event = scheduledEvent({ ruleName: 'sweep', region, account: '111111111111' });

    // Assess
    expect(event).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '111111111111',
      region,
      resources: [`arn:${partition}:events:${region}:111111111111:rule/sweep`],
    });
  });
});

describe('Function: addEmfRecord', () => {
  it('sums EMF metric values per name and dimension, ignoring the service dimension', () => {
    // Prepare
    const totals = createMetricTotals();
    const record = (name: string, value: number | number[], extra: Record<string, string> = {}) => ({
      _aws: {
        Timestamp: 0,
        CloudWatchMetrics: [
          {
            Namespace: 'CopyAutopilot',
            Dimensions: [['service', ...Object.keys(extra)]],
            Metrics: [{ Name: name }],
          },
        ],
      },
      service: 'copy-autopilot',
      ...extra,
      [name]: value,
    });

    // Act
    addEmfRecord(totals, record('Protected', 1));
    addEmfRecord(totals, record('Protected', [1, 1]));
    addEmfRecord(totals, record('Retried', 1, { ErrorName: 'ConflictException' }));
    const plainLog = addEmfRecord(totals, { level: 'INFO', message: 'hello' });

    // Assess
    expect(sumOf(totals, 'Protected')).toBe(3);
    expect(sumOf(totals, 'Retried{ErrorName=ConflictException}')).toBe(1);
    expect(plainLog).toBe(false);
  });
});
