import {
  CreateNamespaceCommand,
  type CreateNamespaceRequest,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateNamespaceCommand,
  type UpdateNamespaceRequest,
} from '@aws-sdk/client-redshift-serverless';
import { describe, expect, it } from 'vitest';
import { expectRefusal, validationError } from '../support/callFailures.js';
import { TEST_ACCOUNT } from './startRedshiftOnly.js';
import { useRedshiftOnly } from './useRedshiftOnly.js';

const local = useRedshiftOnly();
const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/redshift`;
const OTHER_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/other`;
const PASSWORD = 'Secret-Password-1';
const BOTH_OR_NEITHER = 'Specify both the user name and password, or neither.';
const MANAGED_AND_EXPLICIT = "You can't use adminUserPassword if manageAdminPassword is true.";

describe('Local Redshift Serverless: constraints of the service model', () => {
  it.each<[string, CreateNamespaceRequest, string]>([
    [
      'an empty string where the model sets a minimum length',
      { namespaceName: 'idc', redshiftIdcApplicationArn: '' },
      "1 validation error detected: Value '' at 'redshiftIdcApplicationArn' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a sensitive member, named without echoing its value',
      { namespaceName: 'secret', adminUsername: 'admin', adminUserPassword: 'short' },
      "1 validation error detected: Value at 'adminUserPassword' failed to satisfy constraint: Member must have length greater than or equal to 8",
    ],
    [
      'a list member outside the enum of its shape',
      { namespaceName: 'logs', logExports: ['auditlog' as 'userlog'] },
      "1 validation error detected: Value 'auditlog' at 'logExports.1.member' failed to satisfy constraint: Member must satisfy enum value set: [useractivitylog, userlog, connectionlog]",
    ],
    [
      'every broken constraint of every member, listed at once',
      { namespaceName: 'A', redshiftIdcApplicationArn: '' },
      "3 validation errors detected: Value 'A' at 'namespaceName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
        "Value 'A' at 'namespaceName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9-]+$; " +
        "Value '' at 'redshiftIdcApplicationArn' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
  ])('refuses %s', async (_case, request, message) => {
    // Act
    const call = local.client().send(new CreateNamespaceCommand(request));

    // Assess
    await expectRefusal(call, validationError(message));
  });
});

describe('Local Redshift Serverless: CreateNamespace rules the model cannot state', () => {
  it.each<[string, CreateNamespaceRequest, unknown]>([
    ...['table', 'user', 'default', 'snapshot'].map((name): [string, CreateNamespaceRequest, unknown] => [
      `the reserved word ${name} as a namespace name`,
      { namespaceName: name },
      expect.stringContaining(`The namespace name ${name} is a reserved word`),
    ]),
    [
      'a managed admin password together with an explicit one',
      {
        namespaceName: 'managed',
        adminUsername: 'admin',
        adminUserPassword: PASSWORD,
        manageAdminPassword: true,
      },
      MANAGED_AND_EXPLICIT,
    ],
    ['a user name without a password', { namespaceName: 'half', adminUsername: 'admin' }, BOTH_OR_NEITHER],
    [
      'a password without a user name',
      { namespaceName: 'half', adminUserPassword: PASSWORD },
      BOTH_OR_NEITHER,
    ],
    [
      'a secret KMS key when AWS does not manage the password',
      { namespaceName: 'keyed', adminPasswordSecretKmsKeyId: 'alias/x' },
      'You can only use adminPasswordSecretKmsKeyId if manageAdminPassword is true.',
    ],
    [
      'a default IAM role without any roles',
      { namespaceName: 'roles', defaultIamRoleArn: ROLE },
      'The list of customer IAM roles must contain the default IAM role.',
    ],
    [
      'a default IAM role that is not among the roles',
      { namespaceName: 'roles', defaultIamRoleArn: ROLE, iamRoles: [OTHER_ROLE] },
      'The list of customer IAM roles must contain the default IAM role.',
    ],
    ...['aws:x', 'AWS:x'].map((key): [string, CreateNamespaceRequest, unknown] => [
      `the tag key ${key} (the reserved aws: prefix, in any case)`,
      { namespaceName: 'tagged', tags: [{ key, value: 'v' }] },
      expect.stringContaining('keys starting with aws: are reserved'),
    ]),
  ])('refuses %s', async (_case, request, message) => {
    // Act
    const call = local.client().send(new CreateNamespaceCommand(request));

    // Assess
    await expectRefusal(call, validationError(message));
  });

  it.each<[string, CreateNamespaceRequest, Record<string, unknown>]>([
    ['a name that only contains a reserved word', { namespaceName: 'tables' }, { namespaceName: 'tables' }],
    [
      'a user name with a managed password',
      { namespaceName: 'managed', adminUsername: 'admin', manageAdminPassword: true },
      { adminUsername: 'admin' },
    ],
    [
      'a KMS key and log exports together (only UpdateNamespace keeps them apart)',
      {
        namespaceName: 'encrypted',
        kmsKeyId: 'alias/warehouse',
        logExports: ['userlog'],
        iamRoles: [ROLE],
        defaultIamRoleArn: ROLE,
      },
      { kmsKeyId: 'alias/warehouse', logExports: ['userlog'], defaultIamRoleArn: ROLE },
    ],
  ])('accepts %s', async (_case, request, expected) => {
    // Act
    const { namespace } = await local.client().send(new CreateNamespaceCommand(request));

    // Assess
    expect(namespace).toMatchObject(expected);
  });
});

describe('Local Redshift Serverless: UpdateNamespace rules the model cannot state', () => {
  it.each<[string, Omit<UpdateNamespaceRequest, 'namespaceName'>, string]>([
    [
      'a KMS key and log exports in one request',
      { kmsKeyId: 'alias/k', logExports: ['userlog'] },
      "Amazon Redshift Serverless can't update multiple configurations at the same time for namespace changing.",
    ],
    ['a user name without a password', { adminUsername: 'admin' }, BOTH_OR_NEITHER],
    [
      'a managed admin password together with an explicit one',
      { adminUsername: 'admin', adminUserPassword: PASSWORD, manageAdminPassword: true },
      MANAGED_AND_EXPLICIT,
    ],
    [
      'a default IAM role without the list of roles',
      { defaultIamRoleArn: ROLE },
      'To change the default IAM role, you must specify the entire list of IAM roles.',
    ],
  ])('refuses %s', async (_case, change, message) => {
    // Prepare
    await local.createNamespace('changing');

    // Act
    const call = local.client().send(new UpdateNamespaceCommand({ namespaceName: 'changing', ...change }));

    // Assess
    await expectRefusal(call, validationError(message));
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
    const resourceArn = namespace?.namespaceArn;

    // Act
    const call = client.send(
      new TagResourceCommand({
        resourceArn,
        tags: [
          { key: 'cost-center', value: '42' },
          { key: 'aws:x', value: 'v' },
        ],
      }),
    );

    // Assess
    await expectRefusal(call, validationError(expect.stringContaining('aws:x')));
    const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(tags).toEqual([{ key: 'team', value: 'data' }]);
  });
});
