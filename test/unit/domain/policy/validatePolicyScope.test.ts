import { describe, expect, it } from 'vitest';
import { PolicyValidationError } from '../../../../src/domain/policy/errors.js';
import { validatePolicy } from '../../../../src/domain/policy/validatePolicy.js';
import { parsePolicy } from '../../../../src/policyFiles/parsePolicy.js';

const RULE = { name: 'everything', match: {}, copyTo: { region: 'us-west-2', retentionDays: 7 } };

/** A policy with `scope` and one catch-all rule copying to us-west-2. */
const withScope = (scope: unknown, rules: unknown[] = [RULE]) => ({ version: 1, scope, rules });

/** The error's issues as `path: message`. */
function issues(document: unknown): string[] {
  try {
    validatePolicy(document);
  } catch (error) {
    if (error instanceof PolicyValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('Function: validatePolicy (scope)', () => {
  describe('valid scopes', () => {
    it('leaves the scope out when the policy has none (the stack’s own account and region)', () => {
      // Act
      const policy = validatePolicy({ version: 1, rules: [RULE] });

      // Assess
      expect(policy.scope).toBeUndefined();
      expect('scope' in policy).toBe(false);
    });

    it('reads a list of accounts and regions with the member role', () => {
      // Act
      const policy = validatePolicy(
        withScope({
          accounts: ['222222222222', 333333333333],
          regions: ['us-east-1', 'eu-west-1'],
          memberRoleName: 'copy-autopilot-member',
        }),
      );

      // Assess
      expect(policy.scope).toEqual({
        accounts: { kind: 'list', accountIds: ['222222222222', '333333333333'] },
        regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
        memberRoleName: 'copy-autopilot-member',
      });
      expect(Object.isFrozen(policy.scope)).toBe(true);
    });

    it('reads the organization, limited to OUs, in every enabled region', () => {
      // Act
      const policy = validatePolicy(
        withScope({
          accounts: 'organization',
          organizationalUnits: ['ou-ab12-cdefgh12'],
          regions: 'all-enabled',
          memberRoleName: 'copy-autopilot-member',
        }),
      );

      // Assess
      expect(policy.scope).toEqual({
        accounts: { kind: 'organization', organizationalUnits: ['ou-ab12-cdefgh12'] },
        regions: { kind: 'all-enabled' },
        memberRoleName: 'copy-autopilot-member',
      });
    });

    it('reads regions alone as the stack’s own account in those regions', () => {
      // Act
      const policy = validatePolicy(withScope({ regions: ['us-east-1', 'us-east-2'] }));

      // Assess
      expect(policy.scope).toEqual({
        accounts: { kind: 'list', accountIds: [] },
        regions: { kind: 'list', regions: ['us-east-1', 'us-east-2'] },
      });
    });

    it('leaves the regions out when only accounts are given (the stack’s home region)', () => {
      // Act
      const policy = validatePolicy(withScope({ accounts: 'organization', memberRoleName: 'member' }));

      // Assess
      expect(policy.scope).toEqual({ accounts: { kind: 'organization' }, memberRoleName: 'member' });
    });
  });

  describe('invalid scopes', () => {
    it.each([
      ['a scope that is not a mapping', ['us-east-1'], 'scope: must be a mapping with accounts, regions'],
      ['an empty scope', {}, 'scope: is empty'],
      [
        'an unknown key, with a suggestion',
        { regions: ['us-east-1'], region: 'us-east-1' },
        'scope.region: unknown key "region" (did you mean "regions"?)',
      ],
      [
        'a misspelt member role key, with a suggestion',
        { accounts: ['222222222222'], memberRoleName: 'm', memberrole: 'm' },
        'scope.memberrole: unknown key "memberrole" (did you mean "memberRoleName"?)',
      ],
      [
        'accounts as an unknown word',
        { accounts: 'everyone', memberRoleName: 'm' },
        'scope.accounts: must be `organization` or a list of quoted 12-digit account ids; got "everyone"',
      ],
      [
        'an empty account list',
        { accounts: [], memberRoleName: 'm' },
        'scope.accounts: must not be empty: list at least one, or leave the key out for the stack’s own account only',
      ],
      [
        'an account id of the wrong length',
        { accounts: ['22222222222'], memberRoleName: 'm' },
        'scope.accounts[0]: "22222222222" is not a 12-digit AWS account id',
      ],
      [
        'an unquoted account id that lost its leading zero',
        { accounts: [12345678901], memberRoleName: 'm' },
        'scope.accounts[0]: 12345678901 is not a 12-digit AWS account id (quote account ids in YAML)',
      ],
      [
        'accounts without a member role',
        { accounts: ['222222222222'] },
        'scope.memberRoleName: required with accounts',
      ],
      [
        'a member role without accounts',
        { regions: ['us-east-1'], memberRoleName: 'm' },
        'scope.memberRoleName: only applies with accounts',
      ],
      [
        'a member role name IAM would refuse',
        { accounts: 'organization', memberRoleName: 'copy autopilot' },
        'scope.memberRoleName: must be an IAM role name (1–64 of letters, digits and +=,.@_-); got "copy autopilot"',
      ],
      [
        'a member role name longer than 64 characters',
        { accounts: 'organization', memberRoleName: 'r'.repeat(65) },
        'scope.memberRoleName: must be an IAM role name',
      ],
      [
        'OUs without the organization',
        { accounts: ['222222222222'], organizationalUnits: ['ou-ab12-cdefgh12'], memberRoleName: 'm' },
        'scope.organizationalUnits: only applies with `accounts: organization`',
      ],
      [
        'an OU id of the wrong shape',
        { accounts: 'organization', organizationalUnits: ['ou-AB12-cdefgh12'], memberRoleName: 'm' },
        'scope.organizationalUnits[0]: "ou-AB12-cdefgh12" is not an organizational unit id',
      ],
      [
        'regions as an unknown word',
        { regions: 'all' },
        'scope.regions: must be `all-enabled` or a list of region names; got "all"',
      ],
      [
        'an unknown region',
        { regions: ['us-east-1', 'mars-north-1'] },
        'scope.regions[1]: unknown region "mars-north-1"',
      ],
      [
        'regions of two partitions',
        { regions: ['us-east-1', 'cn-north-1'] },
        'scope.regions[1]: cn-north-1 is in partition aws-cn, us-east-1 in aws: one deployment manages one partition',
      ],
    ])('names the field for %s', (_case, scope, expected) => {
      // Act & Assess
      expect(issues(withScope(scope))).toContainEqual(expect.stringContaining(expected));
    });

    it('reports a rule whose source regions lie outside scope.regions', () => {
      // Prepare
      const rule = { ...RULE, match: { sourceRegions: ['us-east-1', 'eu-west-3'] } };

      // Act
      const found = issues(withScope({ regions: ['us-east-1'] }, [rule]));

      // Assess
      expect(found).toEqual([
        'rules[0].match.sourceRegions[1]: eu-west-3 is not in scope.regions: namespaces there are never managed, so this never matches (add it to scope.regions or remove it here)',
      ]);
    });

    it('reports a destination in another partition than the scope’s regions', () => {
      // Prepare
      const rule = { ...RULE, copyTo: { region: 'cn-northwest-1' } };

      // Act
      const found = issues(withScope({ regions: ['us-east-1'] }, [rule]));

      // Assess
      expect(found).toEqual([
        'rules[0].copyTo.region: cn-northwest-1 (partition aws-cn) cannot receive copies from the scope’s regions (partition aws): snapshot copies stay inside their partition',
      ]);
    });

    it('collects scope issues together with the rules’ issues', () => {
      // Prepare
      const document = withScope({ accounts: ['1'], regions: ['mars-north-1'] }, [
        { ...RULE, onDeleted: 'ignore' },
      ]);

      // Act
      const found = issues(document);

      // Assess
      expect(found.map((issue) => issue.split(':')[0])).toEqual([
        'scope.accounts[0]',
        'scope.regions[0]',
        'scope.memberRoleName',
        'rules[0].onDeleted',
      ]);
    });
  });
});

describe('Function: parsePolicy (scope and onDeleted)', () => {
  it('points every scope issue at its line and column', () => {
    // Prepare
    const text = [
      'version: 1',
      'scope:',
      '  accounts: ["111111111111", "12"]',
      '  regions: [us-east-1]',
      '  memberRole: copy-autopilot-member',
      'rules:',
      '  - name: everything',
      '    match: {}',
      '    copyTo: { region: us-west-2 }',
      '    onDeleted: recreate',
    ].join('\n');

    // Act
    const error = (() => {
      try {
        parsePolicy(text, { source: 'copy-policy.yml' });
      } catch (caught) {
        return caught as PolicyValidationError;
      }
      throw new Error('expected the policy to be rejected');
    })();

    // Assess
    expect(error.message.split('\n').slice(1)).toEqual([
      '  line 2:1: scope.memberRoleName: required with accounts: the role (deploy/member-account.yml) the worker assumes in every account other than its own',
      '  line 3:30: scope.accounts[1]: "12" is not a 12-digit AWS account id',
      '  line 5:3: scope.memberRole: unknown key "memberRole" (did you mean "memberRoleName"?)',
      '  line 10:5: rule "everything" (rules[0]): onDeleted: must be one of restore, report; got "recreate"',
    ]);
  });

  it('reads onDeleted: report on a copy rule and defaults it to restore', () => {
    // Prepare
    const text = [
      'version: 1',
      'rules:',
      '  - name: audited',
      '    match: { namespace: "audit-*" }',
      '    copyTo: { region: us-west-2 }',
      '    onDeleted: report',
      '  - name: everything',
      '    match: {}',
      '    copyTo: { region: us-west-2 }',
    ].join('\n');

    // Act
    const policy = parsePolicy(text);

    // Assess
    expect(policy.rules.map((rule) => ('onDeleted' in rule ? rule.onDeleted : undefined))).toEqual([
      'report',
      'restore',
    ]);
  });
});
