import {
  CreateNamespaceCommand,
  TagResourceCommand,
  UpdateNamespaceCommand,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const local = useRedshiftOnly();
const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/redshift`;
const OTHER_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/other`;

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

describe('Local Redshift Serverless: constraints of the service model', () => {
  it('refuses an empty string where the model sets a minimum length', async () => {
    // Act
    const error = await failureOf(
      local
        .client()
        .send(new CreateNamespaceCommand({ namespaceName: 'idc', redshiftIdcApplicationArn: '' })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '' at 'redshiftIdcApplicationArn' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('names a sensitive member without echoing its value', async () => {
    // Act
    const error = await failureOf(
      local.client().send(
        new CreateNamespaceCommand({
          namespaceName: 'secret',
          adminUsername: 'admin',
          adminUserPassword: 'short',
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value at 'adminUserPassword' failed to satisfy constraint: Member must have length greater than or equal to 8",
    );
  });

  it('checks list members against the enum of their shape', async () => {
    // Act
    const error = await failureOf(
      local
        .client()
        .send(new CreateNamespaceCommand({ namespaceName: 'logs', logExports: ['auditlog' as 'userlog'] })),
    );

    // Assess
    expect(error.message).toBe(
      "1 validation error detected: Value 'auditlog' at 'logExports.1.member' failed to satisfy constraint: Member must satisfy enum value set: [useractivitylog, userlog, connectionlog]",
    );
  });

  it('lists every broken constraint of every member at once', async () => {
    // Act
    const error = await failureOf(
      local.client().send(new CreateNamespaceCommand({ namespaceName: 'A', redshiftIdcApplicationArn: '' })),
    );

    // Assess
    expect(error.message).toBe(
      "3 validation errors detected: Value 'A' at 'namespaceName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
        "Value 'A' at 'namespaceName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9-]+$; " +
        "Value '' at 'redshiftIdcApplicationArn' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe('Local Redshift Serverless: CreateNamespace rules the model cannot state', () => {
  it.each(['table', 'user', 'default', 'snapshot'])(
    'refuses the reserved word %s as a namespace name',
    async (name) => {
      // Act
      const error = await failureOf(local.client().send(new CreateNamespaceCommand({ namespaceName: name })));

      // Assess
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain(`The namespace name ${name} is a reserved word`);
    },
  );

  it('accepts a name that only contains a reserved word', async () => {
    // Act
    const { namespace } = await local.client().send(new CreateNamespaceCommand({ namespaceName: 'tables' }));

    // Assess
    expect(namespace?.namespaceName).toBe('tables');
  });

  it('refuses a managed admin password together with an explicit one', async () => {
    // Act
    const error = await failureOf(
      local.client().send(
        new CreateNamespaceCommand({
          namespaceName: 'managed',
          adminUsername: 'admin',
          adminUserPassword: 'Secret-Password-1',
          manageAdminPassword: true,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe("You can't use adminUserPassword if manageAdminPassword is true.");
  });

  it('accepts a user name with a managed password', async () => {
    // Act
    const { namespace } = await local.client().send(
      new CreateNamespaceCommand({
        namespaceName: 'managed',
        adminUsername: 'admin',
        manageAdminPassword: true,
      }),
    );

    // Assess
    expect(namespace?.adminUsername).toBe('admin');
  });

  it.each([
    ['a user name without a password', { adminUsername: 'admin' }],
    ['a password without a user name', { adminUserPassword: 'Secret-Password-1' }],
  ])('refuses %s', async (_case, credentials) => {
    // Act
    const error = await failureOf(
      local.client().send(new CreateNamespaceCommand({ namespaceName: 'half', ...credentials })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Specify both the user name and password, or neither.');
  });

  it('refuses a secret KMS key when AWS does not manage the password', async () => {
    // Act
    const error = await failureOf(
      local
        .client()
        .send(new CreateNamespaceCommand({ namespaceName: 'keyed', adminPasswordSecretKmsKeyId: 'alias/x' })),
    );

    // Assess
    expect(error.message).toBe(
      'You can only use adminPasswordSecretKmsKeyId if manageAdminPassword is true.',
    );
  });

  it.each([
    ['without any roles', {}],
    ['that is not among the roles', { iamRoles: [OTHER_ROLE] }],
  ])('refuses a default IAM role %s', async (_case, roles) => {
    // Act
    const error = await failureOf(
      local
        .client()
        .send(new CreateNamespaceCommand({ namespaceName: 'roles', defaultIamRoleArn: ROLE, ...roles })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('The list of customer IAM roles must contain the default IAM role.');
  });

  it('refuses a tag key with the reserved aws: prefix, in any case', async () => {
    // Act
    const lower = await failureOf(
      local
        .client()
        .send(new CreateNamespaceCommand({ namespaceName: 'tagged', tags: [{ key: 'aws:x', value: 'v' }] })),
    );
    const upper = await failureOf(
      local
        .client()
        .send(new CreateNamespaceCommand({ namespaceName: 'tagged', tags: [{ key: 'AWS:x', value: 'v' }] })),
    );

    // Assess
    expect(lower.name).toBe('ValidationException');
    expect(lower.message).toContain('keys starting with aws: are reserved');
    expect(upper.name).toBe('ValidationException');
  });

  it('creates a namespace with KMS key and log exports together (only UpdateNamespace keeps them apart)', async () => {
    // Act
    const { namespace } = await local.client().send(
      new CreateNamespaceCommand({
        namespaceName: 'encrypted',
        kmsKeyId: 'alias/warehouse',
        logExports: ['userlog'],
        iamRoles: [ROLE],
        defaultIamRoleArn: ROLE,
      }),
    );

    // Assess
    expect(namespace).toMatchObject({
      kmsKeyId: 'alias/warehouse',
      logExports: ['userlog'],
      defaultIamRoleArn: ROLE,
    });
  });
});

describe('Local Redshift Serverless: UpdateNamespace rules the model cannot state', () => {
  it('refuses a KMS key and log exports in one request', async () => {
    // Prepare
    await createNamespace('changing');

    // Act
    const error = await failureOf(
      local.client().send(
        new UpdateNamespaceCommand({
          namespaceName: 'changing',
          kmsKeyId: 'alias/k',
          logExports: ['userlog'],
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "Amazon Redshift Serverless can't update multiple configurations at the same time for namespace changing.",
    );
  });

  it('refuses a user name without a password', async () => {
    // Prepare
    await createNamespace('changing');

    // Act
    const error = await failureOf(
      local.client().send(new UpdateNamespaceCommand({ namespaceName: 'changing', adminUsername: 'admin' })),
    );

    // Assess
    expect(error.message).toBe('Specify both the user name and password, or neither.');
  });

  it('refuses a managed admin password together with an explicit one', async () => {
    // Prepare
    await createNamespace('changing');

    // Act
    const error = await failureOf(
      local.client().send(
        new UpdateNamespaceCommand({
          namespaceName: 'changing',
          adminUsername: 'admin',
          adminUserPassword: 'Secret-Password-1',
          manageAdminPassword: true,
        }),
      ),
    );

    // Assess
    expect(error.message).toBe("You can't use adminUserPassword if manageAdminPassword is true.");
  });

  it('refuses a default IAM role without the list of roles', async () => {
    // Prepare
    await createNamespace('changing');

    // Act
    const error = await failureOf(
      local.client().send(new UpdateNamespaceCommand({ namespaceName: 'changing', defaultIamRoleArn: ROLE })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'To change the default IAM role, you must specify the entire list of IAM roles.',
    );
  });

  it('clears the default IAM role with an empty one', async () => {
    // Prepare
    const client = local.client();
    await client.send(
      new CreateNamespaceCommand({ namespaceName: 'changing', iamRoles: [ROLE], defaultIamRoleArn: ROLE }),
    );

    // Act
    const { namespace } = await client.send(
      new UpdateNamespaceCommand({ namespaceName: 'changing', iamRoles: [ROLE], defaultIamRoleArn: '' }),
    );

    // Assess
    expect(namespace?.iamRoles).toEqual([ROLE]);
  });
});

describe('Local Redshift Serverless: TagResource rules the model cannot state', () => {
  it('refuses a tag key with the reserved aws: prefix and keeps the tags as they were', async () => {
    // Prepare
    const client = local.client();
    const { namespace } = await client.send(
      new CreateNamespaceCommand({ namespaceName: 'tagged', tags: [{ key: 'team', value: 'data' }] }),
    );

    // Act
    const error = await failureOf(
      client.send(
        new TagResourceCommand({
          resourceArn: namespace?.namespaceArn,
          tags: [
            { key: 'cost-center', value: '42' },
            { key: 'aws:x', value: 'v' },
          ],
        }),
      ),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('aws:x');
  });
});
