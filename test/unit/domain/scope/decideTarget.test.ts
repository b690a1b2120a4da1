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

describe('Function: decideTarget', () => {
  describe('without a scope', () => {
    it('acts in the stack’s own account and region with its own credentials', () => {
      // Act
      const decision = decideTarget(undefined, HOME, HOME);

      // Assess
      expect(decision).toEqual({ kind: 'home' });
    });

    it('refuses another account as AccountNotManaged, never falling back to its own credentials', () => {
      // Act
      const decision = decideTarget(undefined, HOME, { account: MEMBER, region: 'us-east-1' });

      // Assess
      expect(decision).toEqual({
        kind: 'refused',
        reason: 'AccountNotManaged',
        message: expect.stringContaining(`account ${MEMBER} is not managed by this stack`),
      });
    });

    it('refuses another region of its own account as RegionNotManaged', () => {
      // Act
      const decision = decideTarget(undefined, HOME, { account: HOME.account, region: 'eu-west-1' });

      // Assess
      expect(decision).toMatchObject({ kind: 'refused', reason: 'RegionNotManaged' });
      if (decision.kind === 'refused') expect(decision.message).toContain('us-east-1');
    });
  });

  describe('with a list of accounts and regions', () => {
    it('reaches a listed account through its member role in the region’s partition', () => {
      // Act
      const decision = decideTarget(listed, HOME, { account: MEMBER, region: 'eu-west-1' });

      // Assess
      expect(decision).toEqual({
        kind: 'member',
        roleArn: `arn:aws:iam::${MEMBER}:role/copy-autopilot-member`,
      });
    });

    it('keeps the stack’s own account in scope although the list leaves it out', () => {
      // Act
      const decision = decideTarget(listed, HOME, { account: HOME.account, region: 'eu-west-1' });

      // Assess
      expect(decision).toEqual({ kind: 'home' });
    });

    it('refuses an account the list does not name, and says which ones it does', () => {
      // Act
      const decision = decideTarget(listed, HOME, { account: OTHER, region: 'us-east-1' });

      // Assess
      expect(decision).toMatchObject({ kind: 'refused', reason: 'AccountNotManaged' });
      if (decision.kind === 'refused') expect(decision.message).toContain(`scope.accounts lists ${MEMBER}`);
    });

    it('refuses a region the list does not name, even in the stack’s own account', () => {
      // Act
      const decision = decideTarget(listed, HOME, { account: HOME.account, region: 'us-west-2' });

      // Assess
      expect(decision).toMatchObject({ kind: 'refused', reason: 'RegionNotManaged' });
      if (decision.kind === 'refused') expect(decision.message).toContain('us-east-1, eu-west-1');
    });

    it('names the account, not the region, when both are out of scope', () => {
      // Act
      const decision = decideTarget(listed, HOME, { account: OTHER, region: 'us-west-2' });

      // Assess
      expect(decision).toMatchObject({ kind: 'refused', reason: 'AccountNotManaged' });
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

  describe('with a scope that names no other account', () => {
    it('refuses other accounts when the scope lists regions only', () => {
      // Prepare
      const regionsOnly: PolicyScope = {
        accounts: { kind: 'list', accountIds: [] },
        regions: { kind: 'list', regions: ['us-east-1'] },
      };

      // Act
      const decision = decideTarget(regionsOnly, HOME, { account: MEMBER, region: 'us-east-1' });

      // Assess
      expect(decision).toMatchObject({ kind: 'refused', reason: 'AccountNotManaged' });
    });

    it('refuses other accounts when a hand-built scope lists accounts without a member role', () => {
      // Prepare
      const noRole: PolicyScope = { ...listed, memberRoleName: undefined };

      // Act
      const decision = decideTarget(noRole, HOME, { account: MEMBER, region: 'us-east-1' });

      // Assess
      expect(decision).toMatchObject({ kind: 'refused', reason: 'AccountNotManaged' });
      if (decision.kind === 'refused') expect(decision.message).toContain('scope.memberRoleName');
    });
  });

  describe('with the organization and all enabled regions', () => {
    it('reaches any account through the member role (AssumeRole proves membership)', () => {
      // Act
      const decision = decideTarget(organization, HOME, { account: OTHER, region: 'ap-southeast-2' });

      // Assess
      expect(decision).toEqual({
        kind: 'member',
        roleArn: `arn:aws:iam::${OTHER}:role/copy-autopilot-member`,
      });
    });

    it('accepts a region this project does not know yet, inside the stack’s partition', () => {
      // Act
      const decision = decideTarget(organization, HOME, { account: HOME.account, region: 'eu-south-9' });

      // Assess
      expect(decision).toEqual({ kind: 'home' });
    });

    it('refuses a region of another partition', () => {
      // Act
      const decision = decideTarget(organization, HOME, { account: OTHER, region: 'cn-north-1' });

      // Assess
      expect(decision).toMatchObject({ kind: 'refused', reason: 'RegionNotManaged' });
      if (decision.kind === 'refused') expect(decision.message).toContain('partition aws-cn');
    });
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
