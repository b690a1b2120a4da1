import { CreateSnapshotCopyConfigurationCommand } from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { expectRefusal, validationError } from '../support/callFailures.js';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const local = useRedshiftOnly();
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

/** CreateSnapshotCopyConfiguration for a namespace created in `source` first. */
async function copyFrom(
  source: string,
  request: { destinationRegion: string; destinationKmsKeyId?: string },
) {
  await local.createNamespace('copied', source);
  return local
    .client({ region: source })
    .send(new CreateSnapshotCopyConfigurationCommand({ namespaceName: 'copied', ...request }));
}

describe('Local Redshift Serverless: destination KMS keys', () => {
  it.each([
    KEY_ID,
    'mrk-1234abcd12ab34cd56ef1234567890ab',
    'alias/snapshots',
    `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:key/${KEY_ID}`,
    `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:alias/snapshots`,
  ])('accepts the KMS key %s', async (destinationKmsKeyId) => {
    // Act
    const { snapshotCopyConfiguration } = await copyFrom('us-east-1', {
      destinationRegion: 'us-west-2',
      destinationKmsKeyId,
    });

    // Assess
    expect(snapshotCopyConfiguration?.destinationKmsKeyId).toBe(destinationKmsKeyId);
  });

  it.each([
    [
      'that is no key id, alias or ARN (without echoing it)',
      'us-east-1',
      'us-west-2',
      'not-a-key',
      'The destination KMS key is not a valid KMS key ID, key ARN, alias name or alias ARN.',
    ],
    [
      'of another region than the destination',
      'us-east-1',
      'eu-west-1',
      `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:key/${KEY_ID}`,
      'The destination KMS key is in us-west-2; it must be in the destination region eu-west-1.',
    ],
    [
      'of the commercial partition for a China region',
      'cn-north-1',
      'cn-northwest-1',
      `arn:aws:kms:cn-northwest-1:${TEST_ACCOUNT}:key/${KEY_ID}`,
      'The destination KMS key ARN names the aws partition; keys of cn-northwest-1 are in aws-cn.',
    ],
    [
      'of the China partition for a commercial region',
      'us-east-1',
      'us-west-2',
      `arn:aws-cn:kms:us-west-2:${TEST_ACCOUNT}:alias/snapshots`,
      'The destination KMS key ARN names the aws-cn partition; keys of us-west-2 are in aws.',
    ],
  ])('refuses a KMS key %s', async (_case, source, destinationRegion, destinationKmsKeyId, message) => {
    // Act
    const call = copyFrom(source, { destinationRegion, destinationKmsKeyId });

    // Assess
    await expectRefusal(call, validationError(message));
    expect(local.service.snapshotCopyConfigurations()).toEqual([]);
  });
});

describe('Local Redshift Serverless: copies stay within their partition', () => {
  it.each([
    ['us-east-1', 'cn-north-1'],
    ['us-east-1', 'us-gov-west-1'],
    ['cn-north-1', 'us-west-2'],
  ])('refuses a copy from %s to %s: another partition', async (source, destinationRegion) => {
    // Act
    const call = copyFrom(source, { destinationRegion });

    // Assess
    await expectRefusal(
      call,
      validationError(
        expect.stringContaining(`The destination region ${destinationRegion} is not a valid AWS Region`),
      ),
    );
  });

  it.each([
    ['us-east-1', 'ap-southeast-6', 'aws'],
    ['cn-north-1', 'cn-northwest-1', 'aws-cn'],
    ['us-gov-east-1', 'us-gov-west-1', 'aws-us-gov'],
  ])('copies from %s to %s, within the partition (%s ARNs)', async (source, destinationRegion, partition) => {
    // Act
    const { snapshotCopyConfiguration } = await copyFrom(source, { destinationRegion });

    // Assess
    expect(snapshotCopyConfiguration?.destinationRegion).toBe(destinationRegion);
    expect(snapshotCopyConfiguration?.snapshotCopyConfigurationArn).toMatch(
      new RegExp(
        `^arn:${partition}:redshift-serverless:${source}:${TEST_ACCOUNT}:snapshotcopyconfiguration/`,
      ),
    );
  });
});
