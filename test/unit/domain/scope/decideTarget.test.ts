import { describe, expect, it } from 'vitest';
import type { PolicyScope } from '../../../../src/domain/policy/types.js';
import { decideTarget, memberRoleArn } from '../../../../src/domain/scope/decideTarget.js';

const HOME = { account: '111111111111', region: 'us-east-1' };
const MEMBER = '222222222222';
const OTHER = '333333333333';

const listed: PolicyScope = {
  accounts: { kind: 'list', accountIds: [MEMBER] },
  regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
  memberRoleName: 'copy-autopilot-member',
};

const organization: PolicyScope = {
  accounts: { kind: 'organization' },
  regions: { kind: 'all-enabled' },
  memberRoleName: 'copy-autopilot-member',
};

const regionsOnly: PolicyScope = {
  accounts: { kind: 'list', accountIds: [] },
  regions: { kind: 'list', regions: ['us-east-1'] },
};

/** A hand-built scope: the validator requires a member role with accounts. */
const noRole: PolicyScope = { ...listed, memberRoleName: undefined };

const roleIn = (account: string) => `arn:aws:iam::${account}:role/copy-autopilot-member`;

describe('Function: decideTarget', () => {
  it.each([
    [
      'acts in the stack’s own account and region with its own credentials, without a scope',
      undefined,
      HOME,
      { kind: 'home' },
    ],
    [
      'reaches a listed account through its member role in the region’s partition',
      listed,
      { account: MEMBER, region: 'eu-west-1' },
      { kind: 'member', roleArn: roleIn(MEMBER) },
    ],
    [
      'keeps the stack’s own account in scope although the list leaves it out',
      listed,
      { account: HOME.account, region: 'eu-west-1' },
      { kind: 'home' },
    ],
    [
      'reaches any account of the organization through the member role (AssumeRole proves membership)',
      organization,
      { account: OTHER, region: 'ap-southeast-2' },
      { kind: 'member', roleArn: roleIn(OTHER) },
    ],
    [
      'accepts, with all enabled regions, a region this project does not know yet inside the stack’s partition',
      organization,
      { account: HOME.account, region: 'eu-south-9' },
      { kind: 'home' },
    ],
  ])('%s', (_case, scope, target, expected) => {
    // Act & Assess
    expect(decideTarget(scope, HOME, target)).toEqual(expected);
  });

  it.each([
    [
      'another account without a scope, never falling back to its own credentials',
      undefined,
      { account: MEMBER, region: 'us-east-1' },
      'AccountNotManaged',
      `account ${MEMBER} is not managed by this stack`,
    ],
    [
      'another region of its own account without a scope',
      undefined,
      { account: HOME.account, region: 'eu-west-1' },
      'RegionNotManaged',
      'us-east-1',
    ],
    [
      'an account the list does not name, saying which ones it does',
      listed,
      { account: OTHER, region: 'us-east-1' },
      'AccountNotManaged',
      `scope.accounts lists ${MEMBER}`,
    ],
    [
      'a region the list does not name, even in the stack’s own account',
      listed,
      { account: HOME.account, region: 'us-west-2' },
      'RegionNotManaged',
      'us-east-1, eu-west-1',
    ],
    [
      'an account and a region both out of scope, naming the account',
      listed,
      { account: OTHER, region: 'us-west-2' },
      'AccountNotManaged',
      `account ${OTHER}`,
    ],
    [
      'other accounts when the scope lists regions only',
      regionsOnly,
      { account: MEMBER, region: 'us-east-1' },
      'AccountNotManaged',
      'scope.accounts',
    ],
    [
      'other accounts when a hand-built scope lists accounts without a member role',
      noRole,
      { account: MEMBER, region: 'us-east-1' },
      'AccountNotManaged',
      'scope.memberRoleName',
    ],
    [
      'a region of another partition, with all enabled regions',
      organization,
      { account: OTHER, region: 'cn-north-1' },
      'RegionNotManaged',
      'partition aws-cn',
    ],
  ])('refuses %s', (_case, scope, target, reason, said) => {
    // Act & Assess
    expect(decideTarget(scope, HOME, target)).toEqual({
      kind: 'refused',
      reason,
      message: expect.stringContaining(said),
    });
  });

  it('defaults the regions to the stack’s home region when the scope gives none', () => {
    // Prepare
    const accountsOnly: PolicyScope = { ...listed, regions: undefined };

    // Act
    const home = decideTarget(accountsOnly, HOME, { account: MEMBER, region: 'us-east-1' });
    const elsewhere = decideTarget(accountsOnly, HOME, { account: MEMBER, region: 'eu-west-1' });

    // Assess
    expect(home).toMatchObject({ kind: 'member' });
    expect(elsewhere).toMatchObject({ kind: 'refused', reason: 'RegionNotManaged' });
  });

  it('keeps summaries of long lists short', () => {
    // Prepare
    const many: PolicyScope = {
      ...listed,
      accounts: {
        kind: 'list',
        accountIds: Array.from({ length: 40 }, (_, i) => String(400000000000 + i)),
      },
    };

    // Act
    const decision = decideTarget(many, HOME, { account: OTHER, region: 'us-east-1' });

    // Assess
    if (decision.kind !== 'refused') throw new Error('expected a refusal');
    expect(decision.message).toContain('and 35 more');
  });
});

describe('Function: memberRoleArn', () => {
  it.each([
    ['us-east-1', 'arn:aws:iam::222222222222:role/member'],
    ['cn-northwest-1', 'arn:aws-cn:iam::222222222222:role/member'],
    ['us-gov-west-1', 'arn:aws-us-gov:iam::222222222222:role/member'],
    ['us-gov-east-9', 'arn:aws-us-gov:iam::222222222222:role/member'],
  ])('names the role in the partition of %s', (region, arn) => {
    // Act & Assess
    expect(memberRoleArn({ account: MEMBER, region }, 'member')).toBe(arn);
  });
});
