import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const local = useRedshiftOnly();

async function failureOf(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error) => error,
  );
}

async function createNamespace(namespaceName: string, region = 'us-east-1'): Promise<void> {
  await local.client({ region }).send(new CreateNamespaceCommand({ namespaceName }));
}

describe('Local Redshift Serverless: CreateSnapshotCopyConfiguration rules the model cannot state', () => {
  it('refuses a KMS key that is no key id, alias or ARN, without echoing it', async () => {
    // Prepare
    await createNamespace('keyed');

    // Act
    const error = await failureOf(
      local.client().send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'keyed',
          destinationRegion: 'us-west-2',
          destinationKmsKeyId: 'not-a-key',
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'The destination KMS key is not a valid KMS key ID, key ARN, alias name or alias ARN.',
    );
    expect(error.message).not.toContain('not-a-key');
    expect(local.service.snapshotCopyConfigurations()).toEqual([]);
  });

  it.each([
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'mrk-1234abcd12ab34cd56ef1234567890ab',
    'alias/snapshots',
    `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:alias/snapshots`,
  ])('accepts the KMS key %s', async (destinationKmsKeyId) => {
    // Prepare
    await createNamespace('keyed');

    // Act
    const { snapshotCopyConfiguration } = await local.client().send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'keyed',
        destinationRegion: 'us-west-2',
        destinationKmsKeyId,
      }),
    );

    // Assess
    expect(snapshotCopyConfiguration?.destinationKmsKeyId).toBe(destinationKmsKeyId);
  });

  it.each([
    [
      'another region than the destination',
      'us-east-1',
      'eu-west-1',
      `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      'The destination KMS key is in us-west-2; it must be in the destination region eu-west-1.',
    ],
    [
      'the commercial partition for a China region',
      'cn-north-1',
      'cn-northwest-1',
      `arn:aws:kms:cn-northwest-1:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      'The destination KMS key ARN names the aws partition; keys of cn-northwest-1 are in aws-cn.',
    ],
    [
      'the China partition for a commercial region',
      'us-east-1',
      'us-west-2',
      `arn:aws-cn:kms:us-west-2:${TEST_ACCOUNT}:alias/snapshots`,
      'The destination KMS key ARN names the aws-cn partition; keys of us-west-2 are in aws.',
    ],
  ])('refuses a KMS key ARN of %s', async (_case, source, destination, destinationKmsKeyId, message) => {
    // Prepare
    await createNamespace('keyed', source);

    // Act
    const error = await failureOf(
      local.client({ region: source }).send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'keyed',
          destinationRegion: destination,
          destinationKmsKeyId,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(message);
    expect(local.service.snapshotCopyConfigurations()).toEqual([]);
  });

  it.each([
    ['us-east-1', 'cn-north-1'],
    ['us-east-1', 'us-gov-west-1'],
    ['cn-north-1', 'us-west-2'],
  ])('refuses a copy from %s to %s: another partition', async (source, destination) => {
    // Prepare
    await createNamespace('partitioned', source);

    // Act
    const error = await failureOf(
      local.client({ region: source }).send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'partitioned',
          destinationRegion: destination,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(`The destination region ${destination} is not a valid AWS Region`);
  });

  it.each([
    ['us-east-1', 'ap-southeast-6', 'aws'],
    ['cn-north-1', 'cn-northwest-1', 'aws-cn'],
    ['us-gov-east-1', 'us-gov-west-1', 'aws-us-gov'],
  ])('copies from %s to %s, within the partition (%s ARNs)', async (source, destination, partition) => {
    // Prepare
    await createNamespace('partitioned', source);

    // Act
    const { snapshotCopyConfiguration } = await local.client({ region: source }).send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'partitioned',
        destinationRegion: destination,
      }),
    );

    // Assess
    expect(snapshotCopyConfiguration?.destinationRegion).toBe(destination);
    expect(snapshotCopyConfiguration?.snapshotCopyConfigurationArn).toMatch(
      new RegExp(
        `^arn:${partition}:redshift-serverless:${source}:${TEST_ACCOUNT}:snapshotcopyconfiguration/`,
      ),
    );
  });
});
