import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { OrganizationDirectory } from '../../../src/aws/organizationDirectory.js';

const organizations = mockClient(OrganizationsClient);
const account = mockClient(AccountClient);
const OWN = '000000000000';

function directory(): OrganizationDirectory {
  return new OrganizationDirectory({
    organizations: new OrganizationsClient({ region: 'us-east-1' }),
    account: new AccountClient({ region: 'us-east-1' }),
    ownAccount: OWN,
  });
}

const active = (id: string) => ({ Id: id, State: 'ACTIVE' as const, Status: 'ACTIVE' as const });

afterEach(() => {
  organizations.reset();
  account.reset();
});

describe('Class: OrganizationDirectory', () => {
  describe('Method: organizationAccounts', () => {
    it('pages through ListAccounts and returns the ACTIVE accounts only', async () => {
      // Prepare
      organizations
        .on(ListAccountsCommand)
        .resolvesOnce({
          Accounts: [active('111111111111'), { Id: '222222222222', State: 'SUSPENDED', Status: 'SUSPENDED' }],
          NextToken: 'page-2',
        })
        .resolves({
          Accounts: [
            active('333333333333'),
            { Id: '444444444444', State: 'PENDING_CLOSURE' },
            // An older answer without State: Status decides.
            { Id: '555555555555', Status: 'ACTIVE' },
          ],
        });

      // Act
      const accounts = await directory().organizationAccounts();

      // Assess
      expect(accounts).toEqual(['111111111111', '333333333333', '555555555555']);
      expect(organizations.commandCalls(ListAccountsCommand).map((call) => call.args[0].input)).toEqual([
        { MaxResults: 20, NextToken: undefined },
        { MaxResults: 20, NextToken: 'page-2' },
      ]);
    });

    it('returns the accounts under the OUs given and under their child OUs, nested, paged', async () => {
      // Prepare: ou-a holds 111 and ou-b; ou-b holds 222 (suspended), 333 and ou-c; ou-c holds 444.
      organizations.on(ListAccountsForParentCommand).resolves({ Accounts: [] });
      organizations
        .on(ListAccountsForParentCommand, { ParentId: 'ou-a' })
        .resolves({ Accounts: [active('111111111111')] });
      organizations
        .on(ListAccountsForParentCommand, { ParentId: 'ou-b' })
        .resolvesOnce({ Accounts: [{ Id: '222222222222', State: 'SUSPENDED' }], NextToken: 'more' })
        .resolves({ Accounts: [active('333333333333')] });
      organizations
        .on(ListAccountsForParentCommand, { ParentId: 'ou-c' })
        .resolves({ Accounts: [active('444444444444')] });
      organizations.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
      organizations
        .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-a' })
        .resolves({ OrganizationalUnits: [{ Id: 'ou-b' }] });
      organizations
        .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-b' })
        .resolves({ OrganizationalUnits: [{ Id: 'ou-c' }] });

      // Act
      const accounts = await directory().organizationAccounts(['ou-a']);

      // Assess
      expect(accounts).toEqual(['111111111111', '333333333333', '444444444444']);
      expect(organizations.commandCalls(ListAccountsCommand)).toEqual([]);
      expect(
        organizations.commandCalls(ListAccountsForParentCommand).map((call) => call.args[0].input.ParentId),
      ).toEqual(['ou-a', 'ou-b', 'ou-b', 'ou-c']);
    });
  });

  describe('Method: enabledRegions', () => {
    it('asks about its own account without naming it, about others by id, for enabled regions only, paged', async () => {
      // Prepare
      account
        .on(ListRegionsCommand)
        .resolvesOnce({
          Regions: [{ RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }],
          NextToken: 'next',
        })
        .resolvesOnce({ Regions: [{ RegionName: 'ap-south-2', RegionOptStatus: 'ENABLED' }] })
        .resolves({ Regions: [{ RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }] });

      // Act
      const own = await directory().enabledRegions(OWN);
      const member = await directory().enabledRegions('111111111111');

      // Assess
      expect(own).toEqual(['us-east-1', 'ap-south-2']);
      expect(member).toEqual(['eu-west-1']);
      expect(account.commandCalls(ListRegionsCommand).map((call) => call.args[0].input)).toEqual([
        {
          AccountId: undefined,
          RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
          MaxResults: 50,
          NextToken: undefined,
        },
        {
          AccountId: undefined,
          RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
          MaxResults: 50,
          NextToken: 'next',
        },
        {
          AccountId: '111111111111',
          RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'],
          MaxResults: 50,
          NextToken: undefined,
        },
      ]);
    });
  });
});
