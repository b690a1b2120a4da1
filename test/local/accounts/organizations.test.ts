import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { CENTRAL, MEMBER_A, MEMBER_B, useAccountsCloud } from './useAccountsCloud.js';

const local = useAccountsCloud();
const MEMBER_C = '333333333333';

const organizationsOf = (account?: string) => local.track(new OrganizationsClient(local.config({ account })));

const declare = async (body: Record<string, unknown>) => {
  const response = await local.control('POST', '/_local/accounts', body);
  expect(response.status).toBe(200);
};

describe('Local Organizations: accounts', () => {
  it('lists the management account and the declared members, with AWS-shaped ARNs', async () => {
    // Prepare
    await declare({ id: MEMBER_A, name: 'production', email: 'prod@example.com' });

    // Act
    const { Accounts, NextToken } = await organizationsOf().send(new ListAccountsCommand({}));

    // Assess
    expect(NextToken).toBeUndefined();
    expect(Accounts?.map((account) => account.Id)).toEqual([CENTRAL, MEMBER_A]);
    expect(Accounts?.[1]).toMatchObject({
      Id: MEMBER_A,
      Arn: `arn:aws:organizations::${CENTRAL}:account/o-localcloud/${MEMBER_A}`,
      Name: 'production',
      Email: 'prod@example.com',
      Status: 'ACTIVE',
      JoinedMethod: 'CREATED',
      JoinedTimestamp: expect.any(Date),
    });
  });

  it('pages accounts by MaxResults with NextToken, as the SDK paginator follows them', async () => {
    // Prepare
    for (const id of [MEMBER_C, MEMBER_A, MEMBER_B]) await declare({ id });

    // Act
    const first = await organizationsOf().send(new ListAccountsCommand({ MaxResults: 2 }));
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: organizationsOf(), pageSize: 1 }, {})) {
      ids.push(...(page.Accounts ?? []).map((account) => account.Id ?? ''));
    }

    // Assess
    expect(first.Accounts?.map((account) => account.Id)).toEqual([CENTRAL, MEMBER_A]);
    expect(first.NextToken).toEqual(expect.any(String));
    expect(ids).toEqual([CENTRAL, MEMBER_A, MEMBER_B, MEMBER_C]);
  });

  it.each([
    [0, 'MIN_VALUE_EXCEEDED'],
    [21, 'MAX_VALUE_EXCEEDED'],
  ])('refuses MaxResults %i with InvalidInputException', async (MaxResults, Reason) => {
    // Act
    const listed = organizationsOf().send(new ListAccountsCommand({ MaxResults }));

    // Assess
    await expect(listed).rejects.toMatchObject({ name: 'InvalidInputException', Reason });
  });

  it('refuses a NextToken it did not issue', async () => {
    // Act
    const listed = organizationsOf().send(new ListAccountsCommand({ NextToken: 'made-up' }));

    // Assess
    await expect(listed).rejects.toMatchObject({
      name: 'InvalidInputException',
      Reason: 'INVALID_NEXT_TOKEN',
      message:
        'You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.',
    });
  });

  it('reports suspended accounts with their status', async () => {
    // Prepare
    await declare({ id: MEMBER_A, status: 'SUSPENDED' });

    // Act
    const { Accounts } = await organizationsOf().send(new ListAccountsCommand({}));

    // Assess
    expect(Accounts?.find((account) => account.Id === MEMBER_A)?.Status).toBe('SUSPENDED');
  });
});

describe('Local Organizations: roots and organizational units', () => {
  it('lists accounts and units directly under a parent', async () => {
    // Prepare
    const roots = (await organizationsOf().send(new ListRootsCommand({}))).Roots ?? [];
    const rootId = roots[0]?.Id ?? '';
    const unit = await local.control('POST', '/_local/organizational-units', { name: 'workloads' });
    const unitId = String((unit.body.organizationalUnit as { id: string }).id);
    await declare({ id: MEMBER_A, parentId: unitId });
    await declare({ id: MEMBER_B });

    // Act
    const underRoot = await organizationsOf().send(new ListAccountsForParentCommand({ ParentId: rootId }));
    const underUnit = await organizationsOf().send(new ListAccountsForParentCommand({ ParentId: unitId }));
    const units = await organizationsOf().send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }),
    );

    // Assess
    expect(roots).toEqual([
      {
        Id: 'r-local',
        Arn: `arn:aws:organizations::${CENTRAL}:root/o-localcloud/r-local`,
        Name: 'Root',
        PolicyTypes: [],
      },
    ]);
    expect(underRoot.Accounts?.map((account) => account.Id)).toEqual([CENTRAL, MEMBER_B]);
    expect(underUnit.Accounts?.map((account) => account.Id)).toEqual([MEMBER_A]);
    expect(units.OrganizationalUnits).toEqual([
      { Id: unitId, Arn: `arn:aws:organizations::${CENTRAL}:ou/o-localcloud/${unitId}`, Name: 'workloads' },
    ]);
  });

  it('refuses a parent that does not exist', async () => {
    // Act
    const listed = organizationsOf().send(
      new ListAccountsForParentCommand({ ParentId: 'ou-local-00000000' }),
    );

    // Assess
    await expect(listed).rejects.toMatchObject({
      name: 'ParentNotFoundException',
      message: "You specified a parent that doesn't exist.",
    });
  });
});

describe('Local Organizations: who may ask', () => {
  it('describes the organization to its members', async () => {
    // Prepare
    await declare({ id: MEMBER_A });

    // Act
    const { Organization } = await organizationsOf(MEMBER_A).send(new DescribeOrganizationCommand({}));

    // Assess
    expect(Organization).toMatchObject({
      Id: 'o-localcloud',
      MasterAccountId: CENTRAL,
      Arn: `arn:aws:organizations::${CENTRAL}:organization/o-localcloud`,
      FeatureSet: 'ALL',
    });
  });

  it('lets only the management account list the organization', async () => {
    // Prepare
    await declare({ id: MEMBER_A });

    // Act
    const listed = organizationsOf(MEMBER_A).send(new ListAccountsCommand({}));

    // Assess
    await expect(listed).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('tells an account outside the organization that it is in none', async () => {
    // Act
    const described = organizationsOf(MEMBER_C).send(new DescribeOrganizationCommand({}));

    // Assess
    await expect(described).rejects.toMatchObject({
      name: 'AWSOrganizationsNotInUseException',
      message: 'Your account is not a member of an organization.',
    });
  });
});
