import { describe, expect, it } from 'vitest';
import { CENTRAL, MEMBER_A, MEMBER_B, useAccountsCloud } from './useAccountsCloud.js';

const local = useAccountsCloud();

describe('Local control API: accounts and organizational units', () => {
  it('declares an account and lists it with the organization', async () => {
    // Act
    const declared = await local.control('POST', '/_local/accounts', { id: MEMBER_A, name: 'production' });
    const listed = await local.control('GET', '/_local/accounts');

    // Assess
    expect(declared).toEqual({
      status: 200,
      body: {
        account: {
          id: MEMBER_A,
          name: 'production',
          email: `aws+${MEMBER_A}@example.com`,
          status: 'ACTIVE',
          parentId: 'r-local',
          joinedMethod: 'CREATED',
          joinedAt: expect.any(String),
        },
      },
    });
    expect(listed.body).toMatchObject({
      organizationId: 'o-localcloud',
      rootId: 'r-local',
      managementAccountId: CENTRAL,
      organizationalUnits: [],
    });
    expect((listed.body.accounts as { id: string }[]).map((account) => account.id)).toEqual([
      CENTRAL,
      MEMBER_A,
    ]);
  });

  it('puts an account in an organizational unit declared before', async () => {
    // Prepare
    const unit = await local.control('POST', '/_local/organizational-units', {
      id: 'ou-local-workload',
      name: 'workloads',
    });

    // Act
    const declared = await local.control('POST', '/_local/accounts', {
      id: MEMBER_A,
      parentId: 'ou-local-workload',
    });

    // Assess
    expect(unit.body).toEqual({
      organizationalUnit: { id: 'ou-local-workload', name: 'workloads', parentId: 'r-local' },
    });
    expect(declared.body).toMatchObject({ account: { parentId: 'ou-local-workload' } });
  });
});

describe('Local control API: removing accounts and refusals', () => {
  it('removes an account from the organization, but never the management account', async () => {
    // Prepare
    await local.control('POST', '/_local/accounts', { id: MEMBER_A });

    // Act
    const removed = await local.control('DELETE', `/_local/accounts/${MEMBER_A}`);
    const again = await local.control('DELETE', `/_local/accounts/${MEMBER_A}`);
    const management = await local.control('DELETE', `/_local/accounts/${CENTRAL}`);

    // Assess
    expect(removed).toEqual({ status: 200, body: { removed: 1 } });
    expect(again.status).toBe(404);
    expect(management.status).toBe(400);
  });

  it.each([
    ['an id that is not 12 digits', { id: '1234' }, 400],
    ['an unknown status', { id: MEMBER_A, status: 'GONE' }, 400],
    ['a parent that does not exist', { id: MEMBER_A, parentId: 'ou-local-missing0' }, 404],
  ])('refuses %s', async (_case, body, status) => {
    // Act
    const response = await local.control('POST', '/_local/accounts', body);

    // Assess
    expect(response.status).toBe(status);
    expect(response.body.message).toEqual(expect.any(String));
  });

  it('refuses a method the route does not take', async () => {
    // Act
    const response = await local.control('PUT', '/_local/accounts');

    // Assess
    expect(response.status).toBe(405);
  });
});

describe('Local control API: roles', () => {
  it('declares a role missing, lists it, and makes it exist again', async () => {
    // Act
    const missing = await local.control('POST', '/_local/roles', {
      account: MEMBER_B,
      roleName: 'copy-autopilot-member',
      exists: false,
    });
    const listed = await local.control('GET', '/_local/roles');
    await local.control('POST', '/_local/roles', {
      roleArn: `arn:aws:iam::${MEMBER_B}:role/copy-autopilot-member`,
      exists: true,
    });
    const after = await local.control('GET', '/_local/roles');

    // Assess
    expect(missing.body).toEqual({
      account: MEMBER_B,
      roleName: 'copy-autopilot-member',
      roleArn: `arn:aws:iam::${MEMBER_B}:role/copy-autopilot-member`,
      exists: false,
    });
    expect(listed.body).toEqual({
      missing: [
        {
          account: MEMBER_B,
          roleName: 'copy-autopilot-member',
          roleArn: `arn:aws:iam::${MEMBER_B}:role/copy-autopilot-member`,
        },
      ],
    });
    expect(after.body).toEqual({ missing: [] });
  });

  it.each([
    [
      { account: MEMBER_B, roleName: 'member', region: 'cn-north-1' },
      `arn:aws-cn:iam::${MEMBER_B}:role/member`,
    ],
    [
      { roleArn: `arn:aws-us-gov:iam::${MEMBER_B}:role/member` },
      `arn:aws-us-gov:iam::${MEMBER_B}:role/member`,
    ],
  ])('names a missing role in the partition it was declared in (%o)', async (role, roleArn) => {
    // Act
    const declared = await local.control('POST', '/_local/roles', { ...role, exists: false });
    const listed = await local.control('GET', '/_local/roles');

    // Assess
    expect(declared.body.roleArn).toBe(roleArn);
    expect(listed.body).toEqual({ missing: [{ account: MEMBER_B, roleName: 'member', roleArn }] });
  });

  it('forgets every declaration on reset', async () => {
    // Prepare
    await local.control('POST', '/_local/roles', { account: MEMBER_B, roleName: 'member', exists: false });
    await local.control('POST', '/_local/accounts', { id: MEMBER_A });

    // Act
    await local.control('POST', '/_local/reset');

    // Assess
    expect((await local.control('GET', '/_local/roles')).body).toEqual({ missing: [] });
    expect(((await local.control('GET', '/_local/accounts')).body.accounts as unknown[]).length).toBe(1);
  });

  it.each([
    ['no exists flag', { account: MEMBER_A, roleName: 'member' }],
    ['a role name IAM would refuse', { account: MEMBER_A, roleName: 'has space', exists: false }],
    ['a role ARN that is not one', { roleArn: 'arn:aws:iam::1:user/x', exists: false }],
  ])('refuses %s', async (_case, body) => {
    // Act
    const response = await local.control('POST', '/_local/roles', body);

    // Assess
    expect(response.status).toBe(400);
  });
});

describe('Local control API: regions', () => {
  it("lists an account's regions with their status", async () => {
    // Prepare
    await local.control('POST', '/_local/regions', {
      account: MEMBER_A,
      region: 'af-south-1',
      enabled: true,
    });

    // Act
    const response = await local.control('GET', `/_local/regions/${MEMBER_A}`);

    // Assess
    const regions = response.body.regions as { regionName: string; status: string }[];
    expect(regions.find((region) => region.regionName === 'af-south-1')?.status).toBe('ENABLED');
    expect(regions.find((region) => region.regionName === 'us-east-1')?.status).toBe('ENABLED_BY_DEFAULT');
    expect(regions.find((region) => region.regionName === 'ap-east-1')?.status).toBe('DISABLED');
  });

  it.each([
    ['a region enabled by default', 'us-east-1'],
    ['a region outside the aws partition', 'cn-north-1'],
  ])('refuses to change %s', async (_case, region) => {
    // Act
    const response = await local.control('POST', '/_local/regions', {
      account: MEMBER_A,
      region,
      enabled: false,
    });

    // Assess
    expect(response.status).toBe(400);
  });
});
