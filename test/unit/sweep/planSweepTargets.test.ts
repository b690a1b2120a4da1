import { describe, expect, it } from 'vitest';
import type { PolicyScope } from '../../../src/domain/policy/types.js';
import { planSweepTargets, type ScopeDirectory } from '../../../src/sweep/planSweepTargets.js';

const HOME = { account: '000000000000', region: 'us-east-1' };

/** A directory that answers from tables, and records what it was asked. */
function directory(
  options: { accounts?: string[]; regions?: Record<string, string[]>; failingRegions?: string[] } = {},
) {
  const asked: string[] = [];
  const fake: ScopeDirectory = {
    organizationAccounts: async (units) => {
      asked.push(`accounts ${units?.join(',') ?? 'all'}`);
      return options.accounts ?? [];
    },
    enabledRegions: async (account) => {
      asked.push(`regions ${account}`);
      if (options.failingRegions?.includes(account))
        throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
      return options.regions?.[account] ?? [];
    },
  };
  return { fake, asked };
}

describe('Function: planSweepTargets', () => {
  it('returns the home account in the home region when the policy has no scope, asking nobody', async () => {
    // Prepare
    const { fake, asked } = directory();

    // Act
    const plan = await planSweepTargets(undefined, HOME, fake);

    // Assess
    expect(plan).toEqual({ targets: [HOME], unplanned: [] });
    expect(asked).toEqual([]);
  });

  it('returns every listed account, the home one first and once, in every listed region', async () => {
    // Prepare
    const scope: PolicyScope = {
      accounts: { kind: 'list', accountIds: ['111111111111', '000000000000', '222222222222'] },
      regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
      memberRoleName: 'copy-autopilot-member',
    };
    const { fake, asked } = directory();

    // Act
    const plan = await planSweepTargets(scope, HOME, fake);

    // Assess
    expect(plan.targets).toEqual([
      { account: '000000000000', region: 'us-east-1' },
      { account: '000000000000', region: 'eu-west-1' },
      { account: '111111111111', region: 'us-east-1' },
      { account: '111111111111', region: 'eu-west-1' },
      { account: '222222222222', region: 'us-east-1' },
      { account: '222222222222', region: 'eu-west-1' },
    ]);
    expect(asked).toEqual([]);
  });

  it('asks the organization for its accounts (under the OUs given) and each account for its enabled regions', async () => {
    // Prepare
    const scope: PolicyScope = {
      accounts: { kind: 'organization', organizationalUnits: ['ou-ab12-cdefgh12'] },
      regions: { kind: 'all-enabled' },
      memberRoleName: 'copy-autopilot-member',
    };
    const { fake, asked } = directory({
      accounts: ['111111111111'],
      regions: { '000000000000': ['us-east-1'], '111111111111': ['us-east-1', 'ap-south-1'] },
    });

    // Act
    const plan = await planSweepTargets(scope, HOME, fake);

    // Assess
    expect(plan.targets).toEqual([
      { account: '000000000000', region: 'us-east-1' },
      { account: '111111111111', region: 'us-east-1' },
      { account: '111111111111', region: 'ap-south-1' },
    ]);
    expect(asked).toEqual(['accounts ou-ab12-cdefgh12', 'regions 000000000000', 'regions 111111111111']);
  });

  it('plans the other accounts when one account’s regions cannot be listed, and reports it', async () => {
    // Prepare
    const scope: PolicyScope = {
      accounts: { kind: 'list', accountIds: ['111111111111', '222222222222'] },
      regions: { kind: 'all-enabled' },
      memberRoleName: 'copy-autopilot-member',
    };
    const { fake } = directory({
      regions: { '000000000000': ['us-east-1'], '222222222222': ['eu-west-1'] },
      failingRegions: ['111111111111'],
    });

    // Act
    const plan = await planSweepTargets(scope, HOME, fake);

    // Assess
    expect(plan.targets).toEqual([
      { account: '000000000000', region: 'us-east-1' },
      { account: '222222222222', region: 'eu-west-1' },
    ]);
    expect(plan.unplanned.map(({ account, error }) => [account, error.name])).toEqual([
      ['111111111111', 'AccessDeniedException'],
    ]);
  });
});
