import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/errors.js';
import { resolveTargets, type TargetLookup } from '../../../src/cli/resolveTargets.js';
import type { TargetSelection } from '../../../src/cli/sweepOptions.js';

const CALLER = '000000000000';

/** A lookup answering from tables, recording what it was asked. */
function lookup(regions: Record<string, string[]> = {}) {
  const asked: string[] = [];
  const fake: TargetLookup = {
    callerAccount: async () => {
      asked.push('caller');
      return CALLER;
    },
    directory: () => ({
      organizationAccounts: async () => {
        asked.push('organization');
        return ['111111111111', '222222222222'];
      },
      enabledRegions: async (account) => {
        asked.push(`regions ${account}`);
        return regions[account] ?? ['us-east-1'];
      },
    }),
    useMemberRole: (caller, role) => {
      asked.push(`role ${caller} ${role}`);
    },
  };
  return { fake, asked };
}

describe('Function: resolveTargets', () => {
  it('returns your own account in the named regions without asking STS who you are', async () => {
    // Prepare
    const { fake, asked } = lookup();
    const selection: TargetSelection = {
      accounts: { kind: 'current' },
      regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
    };

    // Act
    const resolved = await resolveTargets(selection, fake);

    // Assess
    expect(resolved).toEqual({ targets: [{ region: 'us-east-1' }, { region: 'eu-west-1' }], unplanned: [] });
    expect(asked).toEqual([]);
  });

  it('returns exactly the accounts named, reaching the others through the member role', async () => {
    // Prepare
    const { fake, asked } = lookup();
    const selection: TargetSelection = {
      accounts: { kind: 'list', accountIds: ['000000000000', '111111111111'], withCaller: false },
      regions: { kind: 'list', regions: ['us-east-1'] },
      roleName: 'copy-autopilot-member',
    };

    // Act
    const resolved = await resolveTargets(selection, fake);

    // Assess
    expect(resolved.targets).toEqual([
      { account: '000000000000', region: 'us-east-1' },
      { account: '111111111111', region: 'us-east-1' },
    ]);
    expect(asked).toEqual(['caller', 'role 000000000000 copy-autopilot-member']);
  });

  it('adds your account to the organization’s, as the stack’s own is always in a policy’s scope, in their enabled regions', async () => {
    // Prepare
    const { fake, asked } = lookup({ '111111111111': ['eu-west-1'] });
    const selection: TargetSelection = {
      accounts: { kind: 'organization', withCaller: true },
      regions: { kind: 'all-enabled' },
      roleName: 'copy-autopilot-member',
    };

    // Act
    const resolved = await resolveTargets(selection, fake);

    // Assess
    expect(resolved.targets.map(({ account, region }) => `${account}/${region}`)).toEqual([
      '000000000000/us-east-1',
      '111111111111/eu-west-1',
      '222222222222/us-east-1',
    ]);
    expect(asked.slice(0, 2)).toEqual(['caller', 'organization']);
  });

  it('refuses other accounts without a member role, with the way out', async () => {
    // Prepare
    const { fake } = lookup();
    const selection: TargetSelection = {
      accounts: { kind: 'list', accountIds: ['111111111111'], withCaller: false },
      regions: { kind: 'list', regions: ['us-east-1'] },
    };

    // Act
    const resolving = resolveTargets(selection, fake);

    // Assess
    await expect(resolving).rejects.toThrow(UsageError);
    await expect(resolving).rejects.toMatchObject({ resolution: expect.stringContaining('--role-name') });
  });
});
