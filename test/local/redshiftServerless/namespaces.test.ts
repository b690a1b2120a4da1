import {
  CreateNamespaceCommand,
  type CreateNamespaceRequest,
  DeleteNamespaceCommand,
  GetNamespaceCommand,
  ListNamespacesCommand,
  type ListNamespacesRequest,
  paginateListNamespaces,
  UpdateNamespaceCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { createRedshiftServerlessService } from '../../../src/local/services/redshiftServerless/index.js';
import { expectRefusal, type Refusal, validationError } from '../support/callFailures.js';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const local = useRedshiftOnly();

describe('Local Redshift Serverless: CreateNamespace', () => {
  it('returns the namespace with an ARN, id, defaults and a parsed creation date, never the password', async () => {
    // Prepare
    const client = local.client();

    // Act
    const { namespace } = await client.send(
      new CreateNamespaceCommand({
        namespaceName: 'prod-sales',
        adminUsername: 'admin',
        adminUserPassword: 'Secret-Password-1',
        dbName: 'sales',
        tags: [{ key: 'dr-tier', value: 'gold' }],
      }),
    );

    // Assess
    expect(namespace?.namespaceArn).toMatch(
      new RegExp(
        `^arn:aws:redshift-serverless:us-east-1:${TEST_ACCOUNT}:namespace/${namespace?.namespaceId}$`,
      ),
    );
    expect(namespace?.namespaceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(namespace).toMatchObject({
      namespaceName: 'prod-sales',
      adminUsername: 'admin',
      dbName: 'sales',
      kmsKeyId: 'AWS_OWNED_KMS_KEY',
      iamRoles: [],
      logExports: [],
      status: 'AVAILABLE',
    });
    expect(namespace?.creationDate).toEqual(new Date(local.clock.now()));
    expect(JSON.stringify(namespace)).not.toContain('Secret-Password-1');
  });

  it('defaults the database name to dev', async () => {
    // Act
    const { namespace } = await local.client().send(new CreateNamespaceCommand({ namespaceName: 'plain' }));

    // Assess
    expect(namespace?.dbName).toBe('dev');
    expect(namespace?.adminUsername).toBeUndefined();
  });

  it('answers ConflictException (409) for a name that already exists in the region', async () => {
    // Prepare
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'twice' }));

    // Act
    const error = await client.send(new CreateNamespaceCommand({ namespaceName: 'twice' })).catch((e) => e);

    // Assess
    expect(error.name).toBe('ConflictException');
    expect(error.message).toBe('Namespace already exists');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('keeps namespaces of different regions apart', async () => {
    // Prepare
    await local
      .client({ region: 'us-east-1' })
      .send(new CreateNamespaceCommand({ namespaceName: 'same-name' }));

    // Act
    const { namespace } = await local
      .client({ region: 'eu-west-1' })
      .send(new CreateNamespaceCommand({ namespaceName: 'same-name' }));

    // Assess
    expect(namespace?.namespaceArn).toContain(':eu-west-1:');
  });
});

describe('Local Redshift Serverless: CreateNamespace refusals', () => {
  const nameViolation = (violation: string) => validationError(`1 validation error detected: ${violation}`);
  const long = 'a'.repeat(65);

  it.each<[string, CreateNamespaceRequest, Refusal]>([
    [
      'the name Prod_Sales',
      { namespaceName: 'Prod_Sales' },
      nameViolation(
        "Value 'Prod_Sales' at 'namespaceName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9-]+$",
      ),
    ],
    [
      'the name ab',
      { namespaceName: 'ab' },
      nameViolation(
        "Value 'ab' at 'namespaceName' failed to satisfy constraint: Member must have length greater than or equal to 3",
      ),
    ],
    [
      'a name of 65 characters',
      { namespaceName: long },
      nameViolation(
        `Value '${long}' at 'namespaceName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      ),
    ],
    [
      'a name breaking two constraints, counted in one message',
      { namespaceName: 'A' },
      validationError(
        expect.stringMatching(
          /^2 validation errors detected: .*length greater than or equal to 3; .*pattern/,
        ),
      ),
    ],
    [
      'more than 50 tags with TooManyTagsException',
      {
        namespaceName: 'tagged',
        tags: Array.from({ length: 51 }, (_, index) => ({ key: `k${index}`, value: 'v' })),
      },
      { name: 'TooManyTagsException', status: 400 },
    ],
  ])('refuses %s', async (_case, request, refusal) => {
    // Act
    const call = local.client().send(new CreateNamespaceCommand(request));

    // Assess
    await expectRefusal(call, refusal);
  });

  it('answers SerializationException when a field has the wrong JSON type', () => {
    // Act
    const act = () => local.service.handle('CreateNamespace', { namespaceName: 42 }, context());

    // Assess
    expect(act).toThrow(expect.objectContaining({ code: 'SerializationException', statusCode: 400 }));
  });
});

describe('Local Redshift Serverless: GetNamespace', () => {
  it('returns the namespace by name', async () => {
    // Prepare
    const client = local.client();
    const created = await client.send(new CreateNamespaceCommand({ namespaceName: 'lookup' }));

    // Act
    const { namespace } = await client.send(new GetNamespaceCommand({ namespaceName: 'lookup' }));

    // Assess
    expect(namespace?.namespaceArn).toBe(created.namespace?.namespaceArn);
    expect(namespace?.status).toBe('AVAILABLE');
  });

  it('answers ResourceNotFoundException (404) for an unknown name', async () => {
    // Act
    const error = await local
      .client()
      .send(new GetNamespaceCommand({ namespaceName: 'missing' }))
      .catch((e) => e);

    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe('Namespace missing not found.');
  });
});

describe('Local Redshift Serverless: ListNamespaces', () => {
  it('pages through every namespace of the region in creation order', async () => {
    // Prepare
    const client = local.client();
    const names = Array.from({ length: 7 }, (_, index) => `ns-${index}`);
    for (const namespaceName of names) await client.send(new CreateNamespaceCommand({ namespaceName }));
    await local
      .client({ region: 'eu-west-1' })
      .send(new CreateNamespaceCommand({ namespaceName: 'elsewhere' }));

    // Act
    const pages: string[][] = [];
    for await (const page of paginateListNamespaces({ client, pageSize: 3 }, {})) {
      pages.push((page.namespaces ?? []).map((namespace) => namespace.namespaceName ?? ''));
    }

    // Assess
    expect(pages).toEqual([names.slice(0, 3), names.slice(3, 6), names.slice(6)]);
  });

  it('returns no nextToken when everything fits in one page', async () => {
    // Prepare
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'only-one' }));

    // Act
    const output = await client.send(new ListNamespacesCommand({ maxResults: 1 }));

    // Assess
    expect(output.namespaces).toHaveLength(1);
    expect(output.nextToken).toBeUndefined();
  });

  it.each<[string, ListNamespacesRequest, unknown]>([
    [
      'maxResults 0',
      { maxResults: 0 },
      expect.stringContaining("Value '0' at 'maxResults' failed to satisfy constraint"),
    ],
    [
      'maxResults 101',
      { maxResults: 101 },
      expect.stringContaining("Value '101' at 'maxResults' failed to satisfy constraint"),
    ],
    ['a nextToken it did not issue', { nextToken: 'not-a-token' }, undefined],
  ])('refuses %s', async (_case, request, message) => {
    // Act
    const call = local.client().send(new ListNamespacesCommand(request));

    // Assess
    await expectRefusal(call, validationError(message));
  });
});

describe('Local Redshift Serverless: DeleteNamespace', () => {
  it('answers the namespace as DELETING, then it is gone with its copy configuration', async () => {
    // Prepare
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'doomed' }));
    local.service.handle(
      'CreateSnapshotCopyConfiguration',
      { namespaceName: 'doomed', destinationRegion: 'us-west-2' },
      context(),
    );

    // Act
    const { namespace } = await client.send(new DeleteNamespaceCommand({ namespaceName: 'doomed' }));
    const error = await client.send(new GetNamespaceCommand({ namespaceName: 'doomed' })).catch((e) => e);

    // Assess
    expect(namespace?.status).toBe('DELETING');
    expect(error.name).toBe('ResourceNotFoundException');
    expect(local.service.snapshotCopyConfigurations()).toEqual([]);
  });

  it('stays DELETING for the configured time when asked to', () => {
    // Prepare
    const service = createRedshiftServerlessService({
      clock: local.clock,
      account: TEST_ACCOUNT,
      events: { emit: () => undefined },
      deletionSeconds: 30,
    });
    service.handle('CreateNamespace', { namespaceName: 'slow-delete' }, context());
    service.handle('DeleteNamespace', { namespaceName: 'slow-delete' }, context());

    // Act
    const during = service.handle('GetNamespace', { namespaceName: 'slow-delete' }, context());
    local.clock.advance(30_000);
    const after = () => service.handle('GetNamespace', { namespaceName: 'slow-delete' }, context());

    // Assess
    expect(during).toMatchObject({ namespace: { status: 'DELETING' } });
    expect(after).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException' }));
  });
});

describe('Local Redshift Serverless: UpdateNamespace', () => {
  it('changes the given settings and keeps the rest', async () => {
    // Prepare
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'changing', dbName: 'keep' }));

    // Act
    await client.send(new UpdateNamespaceCommand({ namespaceName: 'changing', logExports: ['userlog'] }));
    const { namespace } = await client.send(
      new UpdateNamespaceCommand({
        namespaceName: 'changing',
        iamRoles: ['arn:aws:iam::111111111111:role/r'],
        defaultIamRoleArn: 'arn:aws:iam::111111111111:role/r',
      }),
    );

    // Assess
    expect(namespace).toMatchObject({
      dbName: 'keep',
      logExports: ['userlog'],
      iamRoles: ['arn:aws:iam::111111111111:role/r'],
      defaultIamRoleArn: 'arn:aws:iam::111111111111:role/r',
    });
  });

  it('refuses to change two groups of settings in one request, as AWS does', async () => {
    // Prepare
    const client = local.client();
    await client.send(new CreateNamespaceCommand({ namespaceName: 'changing' }));

    // Act
    const error = await client
      .send(
        new UpdateNamespaceCommand({
          namespaceName: 'changing',
          logExports: ['userlog'],
          iamRoles: ['arn:aws:iam::111111111111:role/r'],
        }),
      )
      .catch((e) => e);

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "Amazon Redshift Serverless can't update multiple configurations at the same time for namespace changing.",
    );
  });
});

describe('Local Redshift Serverless: unknown operations', () => {
  it('answers UnknownOperationException (400)', () => {
    // Act
    const act = () => local.service.handle('CreateWorkgroup', {}, context());

    // Assess
    expect(act).toThrow(expect.objectContaining({ code: 'UnknownOperationException', statusCode: 400 }));
  });
});

function context(region = 'us-east-1') {
  return { region, account: TEST_ACCOUNT, requestId: 'req-1', clock: local.clock };
}
