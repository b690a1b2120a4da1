import {
  CreateSnapshotCopyConfigurationCommand,
  type CreateSnapshotCopyConfigurationRequest,
  DeleteSnapshotCopyConfigurationCommand,
  ListSnapshotCopyConfigurationsCommand,
  type ListSnapshotCopyConfigurationsRequest,
  paginateListSnapshotCopyConfigurations,
  UpdateSnapshotCopyConfigurationCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { expectRefusal, failureOf, type Refusal, validationError } from '../support/callFailures.js';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const GOLD_KEY = `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const local = useRedshiftOnly();

const notFound: Refusal = { name: 'ResourceNotFoundException', status: 404 };

/** Creates `namespaceName` and its copy configuration to `destinationRegion` (us-west-2 by default). */
async function configureCopy(namespaceName: string, destinationRegion = 'us-west-2') {
  await local.createNamespace(namespaceName);
  const { snapshotCopyConfiguration } = await local
    .client()
    .send(new CreateSnapshotCopyConfigurationCommand({ namespaceName, destinationRegion }));
  return snapshotCopyConfiguration;
}

const retentionViolation = (days: number) =>
  `1 validation error detected: Value '${days}' at 'snapshotRetentionPeriod' failed to satisfy constraint: Member must be -1 (retain indefinitely) or between 1 and 3653 days`;

describe('Local Redshift Serverless: CreateSnapshotCopyConfiguration', () => {
  it('returns the configuration with an id, an ARN and the AWS-owned key and indefinite retention by default', async () => {
    // Act
    const configuration = await configureCopy('prod-sales');

    // Assess
    expect(configuration).toEqual({
      snapshotCopyConfigurationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      snapshotCopyConfigurationArn: `arn:aws:redshift-serverless:us-east-1:${TEST_ACCOUNT}:snapshotcopyconfiguration/${configuration?.snapshotCopyConfigurationId}`,
      namespaceName: 'prod-sales',
      destinationRegion: 'us-west-2',
      destinationKmsKeyId: 'AWS_OWNED_KMS_KEY',
      snapshotRetentionPeriod: -1,
    });
  });

  it('keeps a customer key from the destination region and the given retention', async () => {
    // Prepare
    await local.createNamespace('prod-sales');

    // Act
    const { snapshotCopyConfiguration } = await local.client().send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'prod-sales',
        destinationRegion: 'us-west-2',
        destinationKmsKeyId: GOLD_KEY,
        snapshotRetentionPeriod: 30,
      }),
    );

    // Assess
    expect(snapshotCopyConfiguration).toMatchObject({
      destinationKmsKeyId: GOLD_KEY,
      snapshotRetentionPeriod: 30,
    });
    expect(local.service.snapshotCopyConfigurations()).toEqual([
      {
        account: TEST_ACCOUNT,
        namespaceName: 'prod-sales',
        sourceRegion: 'us-east-1',
        destinationRegion: 'us-west-2',
        destinationKmsKeyId: GOLD_KEY,
        snapshotRetentionPeriod: 30,
        createdAt: local.clock.now(),
      },
    ]);
  });

  it.each([1, 3653, -1])('accepts a retention of %i days', async (snapshotRetentionPeriod) => {
    // Prepare
    await local.createNamespace('retained');

    // Act
    const { snapshotCopyConfiguration } = await local.client().send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'retained',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod,
      }),
    );

    // Assess
    expect(snapshotCopyConfiguration?.snapshotRetentionPeriod).toBe(snapshotRetentionPeriod);
  });
});

describe('Local Redshift Serverless: CreateSnapshotCopyConfiguration refusals', () => {
  it.each<[string, Partial<CreateSnapshotCopyConfigurationRequest>, Refusal]>([
    ['a retention of 0 days', { snapshotRetentionPeriod: 0 }, validationError(retentionViolation(0))],
    ['a retention of -2 days', { snapshotRetentionPeriod: -2 }, validationError(retentionViolation(-2))],
    [
      'a retention of 3654 days',
      { snapshotRetentionPeriod: 3654 },
      validationError(retentionViolation(3654)),
    ],
    [
      'the source region as destination',
      { destinationRegion: 'us-east-1' },
      validationError('The destination region must be different from the source region.'),
    ],
    [
      'a region that does not exist',
      { destinationRegion: 'us-west-3' },
      validationError('The destination region us-west-3 is not a valid AWS Region.'),
    ],
    ['an unknown namespace', { namespaceName: 'ghost' }, notFound],
  ])('refuses %s', async (_case, request, refusal) => {
    // Prepare
    await local.createNamespace('source');

    // Act
    const call = local.client().send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'source',
        destinationRegion: 'us-west-2',
        ...request,
      }),
    );

    // Assess
    await expectRefusal(call, refusal);
    expect(local.service.snapshotCopyConfigurations()).toEqual([]);
  });

  it.each(['us-west-2', 'eu-west-1'])(
    'answers ConflictException for a second configuration (to %s): one destination per namespace',
    async (secondRegion) => {
      // Prepare
      await configureCopy('one-only');

      // Act
      const error = await failureOf(
        local.client().send(
          new CreateSnapshotCopyConfigurationCommand({
            namespaceName: 'one-only',
            destinationRegion: secondRegion,
          }),
        ),
      );

      // Assess
      expect(error.name).toBe('ConflictException');
      expect(error.$metadata.httpStatusCode).toBe(409);
      expect(error.message).toContain('us-west-2');
      expect(local.service.createCounts()).toEqual({ 'one-only': 1 });
    },
  );
});

describe('Local Redshift Serverless: ListSnapshotCopyConfigurations', () => {
  it('filters by namespace', async () => {
    // Prepare
    await configureCopy('alpha');
    await configureCopy('beta');

    // Act
    const output = await local
      .client()
      .send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: 'beta' }));

    // Assess
    expect(output.snapshotCopyConfigurations?.map((c) => c.namespaceName)).toEqual(['beta']);
  });

  it('returns an empty list for a namespace without configuration', async () => {
    // Prepare
    await local.createNamespace('bare');

    // Act
    const output = await local
      .client()
      .send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: 'bare' }));

    // Assess
    expect(output.snapshotCopyConfigurations).toEqual([]);
  });

  it('pages through the region when no namespace is given', async () => {
    // Prepare
    const names = ['n-one', 'n-two', 'n-three', 'n-four', 'n-five'];
    for (const namespaceName of names) await configureCopy(namespaceName);

    // Act
    const pages: string[][] = [];
    for await (const page of paginateListSnapshotCopyConfigurations(
      { client: local.client(), pageSize: 2 },
      {},
    )) {
      pages.push((page.snapshotCopyConfigurations ?? []).map((c) => c.namespaceName ?? ''));
    }

    // Assess
    expect(pages).toEqual([names.slice(0, 2), names.slice(2, 4), names.slice(4)]);
  });

  it.each<[string, ListSnapshotCopyConfigurationsRequest, Refusal]>([
    ['a namespace that does not exist', { namespaceName: 'ghost' }, notFound],
    [
      'a nextToken it did not issue',
      { nextToken: 'bogus-token' },
      { name: 'InvalidPaginationException', status: 400 },
    ],
    [
      'a nextToken shorter than the model allows (8)',
      { nextToken: 'bogus' },
      validationError(
        "1 validation error detected: Value 'bogus' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 8",
      ),
    ],
    ['maxResults 0', { maxResults: 0 }, validationError()],
    ['maxResults 101', { maxResults: 101 }, validationError()],
  ])('refuses %s', async (_case, request, refusal) => {
    // Act
    const call = local.client().send(new ListSnapshotCopyConfigurationsCommand(request));

    // Assess
    await expectRefusal(call, refusal);
  });
});

describe('Local Redshift Serverless: UpdateSnapshotCopyConfiguration', () => {
  it('changes the retention and nothing else', async () => {
    // Prepare
    const created = await configureCopy('updating');

    // Act
    const { snapshotCopyConfiguration } = await local.client().send(
      new UpdateSnapshotCopyConfigurationCommand({
        snapshotCopyConfigurationId: created?.snapshotCopyConfigurationId,
        snapshotRetentionPeriod: 30,
      }),
    );

    // Assess
    expect(snapshotCopyConfiguration).toEqual({ ...created, snapshotRetentionPeriod: 30 });
  });

  it.each([
    ['a retention out of range', 'x', 4000, validationError()],
    ['an unknown id', 'nope', 3, notFound],
  ])('refuses %s', async (_case, snapshotCopyConfigurationId, snapshotRetentionPeriod, refusal) => {
    // Act
    const call = local
      .client()
      .send(
        new UpdateSnapshotCopyConfigurationCommand({ snapshotCopyConfigurationId, snapshotRetentionPeriod }),
      );

    // Assess
    await expectRefusal(call, refusal);
  });
});

describe('Local Redshift Serverless: DeleteSnapshotCopyConfiguration', () => {
  it('removes the configuration, so another region can be chosen, and counts both creations', async () => {
    // Prepare
    const created = await configureCopy('moving');
    const client = local.client();

    // Act
    const deleted = await client.send(
      new DeleteSnapshotCopyConfigurationCommand({
        snapshotCopyConfigurationId: created?.snapshotCopyConfigurationId,
      }),
    );
    await client.send(
      new CreateSnapshotCopyConfigurationCommand({ namespaceName: 'moving', destinationRegion: 'eu-west-1' }),
    );

    // Assess
    expect(deleted.snapshotCopyConfiguration).toEqual(created);
    expect(local.service.snapshotCopyConfigurations().map((c) => c.destinationRegion)).toEqual(['eu-west-1']);
    expect(local.service.createCounts()).toEqual({ moving: 2 });
  });

  it('answers ResourceNotFoundException for an unknown id', async () => {
    // Act
    const call = local
      .client()
      .send(new DeleteSnapshotCopyConfigurationCommand({ snapshotCopyConfigurationId: 'nope' }));

    // Assess
    await expectRefusal(call, notFound);
  });
});
