import {
  CreateNamespaceCommand,
  CreateSnapshotCopyConfigurationCommand,
  DeleteSnapshotCopyConfigurationCommand,
  ListSnapshotCopyConfigurationsCommand,
  paginateListSnapshotCopyConfigurations,
  UpdateSnapshotCopyConfigurationCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const GOLD_KEY = `arn:aws:kms:us-west-2:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const local = useRedshiftOnly();

async function createNamespace(namespaceName: string, region = 'us-east-1'): Promise<void> {
  await local.client({ region }).send(new CreateNamespaceCommand({ namespaceName }));
}

async function failureOf(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error) => error,
  );
}

describe('Local Redshift Serverless: CreateSnapshotCopyConfiguration', () => {
  it('returns the configuration with an id, an ARN and the AWS-owned key and indefinite retention by default', async () => {
    // Prepare
    await createNamespace('prod-sales');

    // Act
    const { snapshotCopyConfiguration } = await local.client().send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'prod-sales',
        destinationRegion: 'us-west-2',
      }),
    );

    // Assess
    expect(snapshotCopyConfiguration).toEqual({
      snapshotCopyConfigurationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      snapshotCopyConfigurationArn: `arn:aws:redshift-serverless:us-east-1:${TEST_ACCOUNT}:snapshotcopyconfiguration/${snapshotCopyConfiguration?.snapshotCopyConfigurationId}`,
      namespaceName: 'prod-sales',
      destinationRegion: 'us-west-2',
      destinationKmsKeyId: 'AWS_OWNED_KMS_KEY',
      snapshotRetentionPeriod: -1,
    });
  });

  it('keeps a customer key from the destination region and the given retention', async () => {
    // Prepare
    await createNamespace('prod-sales');

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
    await createNamespace('retained');

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

  it.each([0, -2, 3654])('rejects a retention of %i days', async (snapshotRetentionPeriod) => {
    // Prepare
    await createNamespace('retained');

    // Act
    const error = await failureOf(
      local.client().send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'retained',
          destinationRegion: 'us-west-2',
          snapshotRetentionPeriod,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      `1 validation error detected: Value '${snapshotRetentionPeriod}' at 'snapshotRetentionPeriod' failed to satisfy constraint: Member must be -1 (retain indefinitely) or between 1 and 3653 days`,
    );
  });

  it('rejects the source region as destination', async () => {
    // Prepare
    await createNamespace('same-region');

    // Act
    const error = await failureOf(
      local.client().send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'same-region',
          destinationRegion: 'us-east-1',
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('The destination region must be different from the source region.');
  });

  it('rejects a region that does not exist', async () => {
    // Prepare
    await createNamespace('typo');

    // Act
    const error = await failureOf(
      local.client().send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'typo',
          destinationRegion: 'us-west-3',
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('us-west-3');
  });

  it('rejects a KMS key ARN from another region than the destination', async () => {
    // Prepare
    await createNamespace('wrong-key');

    // Act
    const error = await failureOf(
      local.client().send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'wrong-key',
          destinationRegion: 'eu-west-1',
          destinationKmsKeyId: GOLD_KEY,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('must be in the destination region eu-west-1');
  });

  it('answers ResourceNotFoundException for an unknown namespace', async () => {
    // Act
    const error = await failureOf(
      local.client().send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'ghost',
          destinationRegion: 'us-west-2',
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it.each(['us-west-2', 'eu-west-1'])(
    'answers ConflictException for a second configuration (to %s): one destination per namespace',
    async (secondRegion) => {
      // Prepare
      await createNamespace('one-only');
      const client = local.client();
      await client.send(
        new CreateSnapshotCopyConfigurationCommand({
          namespaceName: 'one-only',
          destinationRegion: 'us-west-2',
        }),
      );

      // Act
      const error = await failureOf(
        client.send(
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
    const client = local.client();
    for (const namespaceName of ['alpha', 'beta']) {
      await createNamespace(namespaceName);
      await client.send(
        new CreateSnapshotCopyConfigurationCommand({ namespaceName, destinationRegion: 'us-west-2' }),
      );
    }

    // Act
    const output = await client.send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: 'beta' }));

    // Assess
    expect(output.snapshotCopyConfigurations?.map((c) => c.namespaceName)).toEqual(['beta']);
  });

  it('returns an empty list for a namespace without configuration', async () => {
    // Prepare
    await createNamespace('bare');

    // Act
    const output = await local
      .client()
      .send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: 'bare' }));

    // Assess
    expect(output.snapshotCopyConfigurations).toEqual([]);
  });

  it('pages through the region when no namespace is given', async () => {
    // Prepare
    const client = local.client();
    const names = ['n-one', 'n-two', 'n-three', 'n-four', 'n-five'];
    for (const namespaceName of names) {
      await createNamespace(namespaceName);
      await client.send(
        new CreateSnapshotCopyConfigurationCommand({ namespaceName, destinationRegion: 'us-west-2' }),
      );
    }

    // Act
    const pages: string[][] = [];
    for await (const page of paginateListSnapshotCopyConfigurations({ client, pageSize: 2 }, {})) {
      pages.push((page.snapshotCopyConfigurations ?? []).map((c) => c.namespaceName ?? ''));
    }

    // Assess
    expect(pages).toEqual([names.slice(0, 2), names.slice(2, 4), names.slice(4)]);
  });

  it('answers ResourceNotFoundException when the named namespace does not exist', async () => {
    // Act
    const error = await failureOf(
      local.client().send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: 'ghost' })),
    );

    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('answers InvalidPaginationException for a foreign nextToken', async () => {
    // Act
    const error = await failureOf(
      local.client().send(new ListSnapshotCopyConfigurationsCommand({ nextToken: 'bogus-token' })),
    );

    // Assess
    expect(error.name).toBe('InvalidPaginationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('answers ValidationException for a nextToken shorter than the model allows (8)', async () => {
    // Act
    const error = await failureOf(
      local.client().send(new ListSnapshotCopyConfigurationsCommand({ nextToken: 'bogus' })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'bogus' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 8",
    );
  });

  it.each([0, 101])('rejects maxResults %i', async (maxResults) => {
    // Act
    const error = await failureOf(
      local.client().send(new ListSnapshotCopyConfigurationsCommand({ maxResults })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
  });
});

describe('Local Redshift Serverless: UpdateSnapshotCopyConfiguration', () => {
  it('changes the retention and nothing else', async () => {
    // Prepare
    await createNamespace('updating');
    const client = local.client();
    const created = await client.send(
      new CreateSnapshotCopyConfigurationCommand({
        namespaceName: 'updating',
        destinationRegion: 'us-west-2',
        snapshotRetentionPeriod: 7,
      }),
    );
    const id = created.snapshotCopyConfiguration?.snapshotCopyConfigurationId;

    // Act
    const { snapshotCopyConfiguration } = await client.send(
      new UpdateSnapshotCopyConfigurationCommand({
        snapshotCopyConfigurationId: id,
        snapshotRetentionPeriod: 30,
      }),
    );

    // Assess
    expect(snapshotCopyConfiguration).toEqual({
      ...created.snapshotCopyConfiguration,
      snapshotRetentionPeriod: 30,
    });
  });

  it('rejects a retention out of range', async () => {
    // Act
    const error = await failureOf(
      local.client().send(
        new UpdateSnapshotCopyConfigurationCommand({
          snapshotCopyConfigurationId: 'x',
          snapshotRetentionPeriod: 4000,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
  });

  it('answers ResourceNotFoundException for an unknown id', async () => {
    // Act
    const error = await failureOf(
      local.client().send(
        new UpdateSnapshotCopyConfigurationCommand({
          snapshotCopyConfigurationId: 'nope',
          snapshotRetentionPeriod: 3,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
  });
});

describe('Local Redshift Serverless: DeleteSnapshotCopyConfiguration', () => {
  it('removes the configuration, so another region can be chosen, and counts both creations', async () => {
    // Prepare
    await createNamespace('moving');
    const client = local.client();
    const created = await client.send(
      new CreateSnapshotCopyConfigurationCommand({ namespaceName: 'moving', destinationRegion: 'us-west-2' }),
    );

    // Act
    const deleted = await client.send(
      new DeleteSnapshotCopyConfigurationCommand({
        snapshotCopyConfigurationId: created.snapshotCopyConfiguration?.snapshotCopyConfigurationId,
      }),
    );
    await client.send(
      new CreateSnapshotCopyConfigurationCommand({ namespaceName: 'moving', destinationRegion: 'eu-west-1' }),
    );

    // Assess
    expect(deleted.snapshotCopyConfiguration).toEqual(created.snapshotCopyConfiguration);
    expect(local.service.snapshotCopyConfigurations().map((c) => c.destinationRegion)).toEqual(['eu-west-1']);
    expect(local.service.createCounts()).toEqual({ moving: 2 });
  });

  it('answers ResourceNotFoundException for an unknown id', async () => {
    // Act
    const error = await failureOf(
      local
        .client()
        .send(new DeleteSnapshotCopyConfigurationCommand({ snapshotCopyConfigurationId: 'nope' })),
    );

    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
