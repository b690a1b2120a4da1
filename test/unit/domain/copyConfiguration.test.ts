import { describe, expect, it } from 'vitest';
import {
  AWS_OWNED_KMS_KEY,
  type CopyConfiguration,
  copySettingsOf,
  describeRetention,
  INDEFINITE_RETENTION,
  normalizeKmsKeyId,
} from '../../../src/domain/copyConfiguration.js';

describe('Function: describeRetention', () => {
  it.each([
    [INDEFINITE_RETENTION, 'long', 'indefinite'],
    [1, 'long', '1 day'],
    [30, 'long', '30 days'],
    [INDEFINITE_RETENTION, 'short', 'indefinite'],
    [7, 'short', '7d'],
  ] as const)('says %s days (%s) as "%s"', (days, style, text) => {
    // Act & Assess
    expect(describeRetention(days, style)).toBe(text);
  });
});

describe('Function: copySettingsOf', () => {
  it('keeps the settings and drops what names a configuration', () => {
    // Prepare
    const configuration: CopyConfiguration = {
      id: 'cfg-1',
      arn: 'arn:aws:redshift-serverless:us-east-1:111111111111:snapshotcopyconfiguration/cfg-1',
      namespaceName: 'ns',
      region: 'us-west-2',
      retentionDays: 7,
    };

    // Act
    const settings = copySettingsOf(configuration);

    // Assess
    expect(settings).toEqual({ region: 'us-west-2', retentionDays: 7 });
    expect(Object.keys(settings)).not.toContain('id');
  });
});

describe('Function: normalizeKmsKeyId', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    [AWS_OWNED_KMS_KEY, undefined],
    ['alias/copies', 'alias/copies'],
  ])('reads %s as %s', (given, normalized) => {
    // Act & Assess
    expect(normalizeKmsKeyId(given)).toBe(normalized);
  });
});
