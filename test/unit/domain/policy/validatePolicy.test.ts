import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEFINITE_RETENTION } from '../../../../src/domain/copyConfiguration.js';
import { CopyAutopilotError } from '../../../../src/domain/errors.js';
import { PolicyValidationError } from '../../../../src/domain/policy/errors.js';
import { validatePolicy } from '../../../../src/domain/policy/validatePolicy.js';
import { parsePolicy } from '../../../../src/policyFiles/parsePolicy.js';

const ROOT = join(import.meta.dirname, '../../../..');

/** A one-rule policy around `rule`, for tests about a single field. */
const withRule = (rule: Record<string, unknown>) => ({ version: 1, rules: [rule] });

const copyRule = (overrides: Record<string, unknown> = {}) => ({
  name: 'production',
  match: { namespace: 'prod-*', sourceRegions: ['us-east-1'] },
  copyTo: { region: 'us-west-2', retentionDays: 30 },
  ...overrides,
});

/** The error's message lines (one per issue), without the header. */
function issueLines(document: unknown): string[] {
  try {
    validatePolicy(document);
  } catch (error) {
    if (error instanceof PolicyValidationError) return error.message.split('\n').slice(1);
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('Function: validatePolicy', () => {
  describe('valid policies', () => {
    it('returns the typed policy with defaults filled in', () => {
      // Prepare
      const document = {
        version: 1,
        rules: [
          { name: 'sandboxes', match: { namespace: 'sandbox-*' }, skip: true },
          { name: 'everything-else', match: {}, copyTo: { region: 'us-west-2' } },
        ],
      };

      // Act
      const policy = validatePolicy(document);

      // Assess
      expect(policy).toEqual({
        version: 1,
        rules: [
          { name: 'sandboxes', match: { namespace: 'sandbox-*' }, skip: true },
          {
            name: 'everything-else',
            match: {},
            copyTo: { region: 'us-west-2', retentionDays: INDEFINITE_RETENTION },
            onExisting: 'report',
            onDeleted: 'restore',
          },
        ],
      });
    });

    it('reads "indefinite" and -1 as indefinite retention', () => {
      // Act
      const named = validatePolicy(
        withRule(copyRule({ copyTo: { region: 'us-west-2', retentionDays: 'indefinite' } })),
      );
      const numeric = validatePolicy(
        withRule(copyRule({ copyTo: { region: 'us-west-2', retentionDays: -1 } })),
      );

      // Assess
      expect(named.rules[0]).toMatchObject({ copyTo: { retentionDays: INDEFINITE_RETENTION } });
      expect(numeric.rules[0]).toMatchObject({ copyTo: { retentionDays: INDEFINITE_RETENTION } });
    });

    it('accepts retention at both ends of the range', () => {
      // Act & Assess
      for (const retentionDays of [1, 3653]) {
        const policy = validatePolicy(withRule(copyRule({ copyTo: { region: 'us-west-2', retentionDays } })));
        expect(policy.rules[0]).toMatchObject({ copyTo: { retentionDays } });
      }
    });

    it('accepts a key ARN, an alias ARN, a key id and an alias name in the destination region', () => {
      // Prepare
      const keys = [
        'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'arn:aws:kms:us-west-2:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab',
        'arn:aws:kms:us-west-2:111111111111:alias/snapshots',
        '1234abcd-12ab-34cd-56ef-1234567890ab',
        'alias/snapshots',
      ];

      // Act & Assess
      for (const kmsKeyId of keys) {
        const policy = validatePolicy(withRule(copyRule({ copyTo: { region: 'us-west-2', kmsKeyId } })));
        expect(policy.rules[0]).toMatchObject({ copyTo: { kmsKeyId } });
      }
    });

    it('accepts an unquoted 12-digit account id, as a string', () => {
      // Act
      const policy = validatePolicy(withRule(copyRule({ match: { accounts: [111111111111] } })));

      // Assess
      expect(policy.rules[0]?.match.accounts).toEqual(['111111111111']);
    });

    it('returns a frozen policy', () => {
      // Act
      const policy = validatePolicy(withRule(copyRule()));

      // Assess
      expect(Object.isFrozen(policy)).toBe(true);
      expect(Object.isFrozen(policy.rules)).toBe(true);
      expect(Object.isFrozen(policy.rules[0])).toBe(true);
    });

    it('accepts the project policy copy-policy.yml', () => {
      // Prepare
      const text = readFileSync(join(ROOT, 'copy-policy.yml'), 'utf8');

      // Act
      const policy = parsePolicy(text);

      // Assess
      expect(policy.rules.map((rule) => rule.name)).toEqual([
        'sandboxes-stay-local',
        'production-west-coast',
        'production',
        'west-coast-namespaces',
        'everything-else',
      ]);
    });

    const examples = readdirSync(join(ROOT, 'examples/policies')).filter((file) => file.endsWith('.yml'));

    it('finds example policies to check', () => {
      // Assess
      expect(examples.length).toBeGreaterThanOrEqual(2);
    });

    it.each(examples)('accepts examples/policies/%s', (file) => {
      // Prepare
      const text = readFileSync(join(ROOT, 'examples/policies', file), 'utf8');

      // Act
      const policy = parsePolicy(text, { source: file });

      // Assess
      expect(policy.rules.length).toBeGreaterThan(0);
    });
  });

  describe('invalid policies', () => {
    it('throws a PolicyValidationError, a CopyAutopilotError, carrying the issues', () => {
      // Prepare
      const document = withRule(copyRule({ copyTo: { region: 'us-west-9' } }));

      // Act
      const act = () => validatePolicy(document);

      // Assess
      expect(act).toThrow(PolicyValidationError);
      try {
        act();
      } catch (error) {
        expect(error).toBeInstanceOf(CopyAutopilotError);
        expect((error as PolicyValidationError).name).toBe('PolicyValidationError');
        expect((error as PolicyValidationError).issues).toEqual([
          {
            rule: 'production',
            path: 'rules[0].copyTo.region',
            message: 'unknown region "us-west-9"',
            segments: ['rules', 0, 'copyTo', 'region'],
          },
        ]);
      }
    });

    it.each([
      [
        'an unknown destination region',
        copyRule({ copyTo: { region: 'us-west-9' } }),
        'rule "production" (rules[0]): copyTo.region: unknown region "us-west-9"',
      ],
      [
        'an unknown source region',
        copyRule({ match: { sourceRegions: ['eu-middle-1'] } }),
        'rule "production" (rules[0]): match.sourceRegions[0]: unknown region "eu-middle-1"',
      ],
      [
        'a destination equal to a source region',
        copyRule({ match: { sourceRegions: ['us-east-1', 'us-west-2'] } }),
        'rule "production" (rules[0]): copyTo.region: destination us-west-2 is also listed in match.sourceRegions',
      ],
      [
        'a destination in another partition than a source region',
        copyRule({ match: { sourceRegions: ['cn-north-1'] } }),
        'rule "production" (rules[0]): copyTo.region: us-west-2 (partition aws) cannot receive copies from cn-north-1 (partition aws-cn)',
      ],
      [
        'a KMS key ARN in another region',
        copyRule({
          copyTo: {
            region: 'us-west-2',
            kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          },
        }),
        'rule "production" (rules[0]): copyTo.kmsKeyId: key is in us-east-1 but copies go to us-west-2 (a KMS key must live in the destination region)',
      ],
      [
        'a KMS alias ARN in another region',
        copyRule({
          copyTo: { region: 'us-west-2', kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:alias/snapshots' },
        }),
        'rule "production" (rules[0]): copyTo.kmsKeyId: key is in eu-west-1 but copies go to us-west-2',
      ],
      [
        'a malformed KMS ARN',
        copyRule({ copyTo: { region: 'us-west-2', kmsKeyId: 'arn:aws:s3:::bucket' } }),
        'rule "production" (rules[0]): copyTo.kmsKeyId: "arn:aws:s3:::bucket" is not a KMS key or alias ARN',
      ],
      [
        'a KMS ARN whose partition does not match its region',
        copyRule({
          match: {},
          copyTo: { region: 'cn-north-1', kmsKeyId: 'arn:aws:kms:cn-north-1:111111111111:alias/x' },
        }),
        'rule "production" (rules[0]): copyTo.kmsKeyId: the ARN says partition aws but cn-north-1 is in aws-cn',
      ],
      [
        'a KMS key id of no known shape',
        copyRule({ copyTo: { region: 'us-west-2', kmsKeyId: 'my-key' } }),
        'rule "production" (rules[0]): copyTo.kmsKeyId: "my-key" is not a KMS key id, alias name (alias/<name>) or ARN',
      ],
      [
        'retention of zero days',
        copyRule({ copyTo: { region: 'us-west-2', retentionDays: 0 } }),
        'rule "production" (rules[0]): copyTo.retentionDays: 0 is out of range: use 1–3653 days, or "indefinite"',
      ],
      [
        'retention above ten years',
        copyRule({ copyTo: { region: 'us-west-2', retentionDays: 3654 } }),
        'rule "production" (rules[0]): copyTo.retentionDays: 3654 is out of range',
      ],
      [
        'fractional retention',
        copyRule({ copyTo: { region: 'us-west-2', retentionDays: 1.5 } }),
        'rule "production" (rules[0]): copyTo.retentionDays: must be a whole number of days; got 1.5',
      ],
      [
        'retention as an unknown word',
        copyRule({ copyTo: { region: 'us-west-2', retentionDays: 'forever' } }),
        'rule "production" (rules[0]): copyTo.retentionDays: must be a number of days (1–3653) or "indefinite"; got "forever"',
      ],
      [
        'an unknown onExisting mode',
        copyRule({ onExisting: 'replace' }),
        'rule "production" (rules[0]): onExisting: must be one of keep, update, report; got "replace"',
      ],
      [
        'onExisting on a skip rule',
        { name: 'production', match: {}, skip: true, onExisting: 'keep' },
        'rule "production" (rules[0]): onExisting: only applies to rules with copyTo (this rule skips)',
      ],
      [
        'an unknown onDeleted mode',
        copyRule({ onDeleted: 'recreate' }),
        'rule "production" (rules[0]): onDeleted: must be one of restore, report; got "recreate"',
      ],
      [
        'onDeleted on a skip rule',
        { name: 'production', match: {}, skip: true, onDeleted: 'report' },
        'rule "production" (rules[0]): onDeleted: only applies to rules with copyTo (this rule skips)',
      ],
      [
        'a misspelt onDeleted, with a suggestion',
        copyRule({ ondeleted: 'report' }),
        'rule "production" (rules[0]): ondeleted: unknown key "ondeleted" (did you mean "onDeleted"?)',
      ],
      [
        'both skip and copyTo',
        copyRule({ skip: true }),
        'rule "production" (rules[0]): give exactly one of `skip: true` and `copyTo`, not both',
      ],
      [
        'neither skip nor copyTo',
        { name: 'production', match: {} },
        'rule "production" (rules[0]): give exactly one of `skip: true` and `copyTo`',
      ],
      [
        'skip that is not a boolean',
        { name: 'production', match: {}, skip: 'yes' },
        'rule "production" (rules[0]): skip: must be true (or leave it out and give copyTo); got "yes"',
      ],
      ['a missing name', { match: {}, skip: true }, 'rules[0].name: required'],
      [
        'a name outside the naming rule',
        { name: 'Prod Rule', match: {}, skip: true },
        'rule "Prod Rule" (rules[0]): name: "Prod Rule" is not a valid rule name',
      ],
      [
        'a missing match',
        { name: 'production', skip: true },
        'rule "production" (rules[0]): match: required (write `match: {}` to match every namespace)',
      ],
      [
        'a match that is not a mapping',
        { name: 'production', match: null, skip: true },
        'rule "production" (rules[0]): match: must be a mapping',
      ],
      [
        'a namespace glob that can never match',
        copyRule({ match: { namespace: 'Prod_*' } }),
        'rule "production" (rules[0]): match.namespace: "Prod_*" can never match',
      ],
      [
        'a tag value that is not a string',
        copyRule({ match: { tags: { tier: 1 } } }),
        'rule "production" (rules[0]): match.tags.tier: tag value must be a string; got 1 (quote it in YAML)',
      ],
      [
        'a malformed account id',
        copyRule({ match: { accounts: ['1234'] } }),
        'rule "production" (rules[0]): match.accounts[0]: "1234" is not a 12-digit AWS account id',
      ],
      [
        'an account id YAML read as a short number',
        copyRule({ match: { accounts: [12345678901] } }),
        'rule "production" (rules[0]): match.accounts[0]: 12345678901 is not a 12-digit AWS account id (quote account ids in YAML)',
      ],
      [
        'an empty list',
        copyRule({ match: { sourceRegions: [] } }),
        'rule "production" (rules[0]): match.sourceRegions: must not be empty',
      ],
      [
        'an unknown key in copyTo, with a suggestion',
        copyRule({ copyTo: { region: 'us-west-2', retention: 7 } }),
        'rule "production" (rules[0]): copyTo.retention: unknown key "retention" (did you mean "retentionDays"?)',
      ],
      [
        'an unknown key in match',
        copyRule({ match: { owner: 'me' } }),
        'rule "production" (rules[0]): match.owner: unknown key "owner" (allowed: namespace, tags, accounts, sourceRegions)',
      ],
      [
        'an unknown key on the rule',
        copyRule({ description: 'x' }),
        'rule "production" (rules[0]): description: unknown key "description" (allowed: name, match, skip, copyTo, onExisting, onDeleted)',
      ],
      ['a rule that is not a mapping', 'production', 'rules[0]: must be a mapping with name, match'],
    ])('names the rule and field for %s', (_case, rule, expected) => {
      // Act
      const lines = issueLines(withRule(rule as Record<string, unknown>));

      // Assess
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(expected);
    });

    it('names the second rule of a duplicate pair and points at the first', () => {
      // Prepare
      const document = {
        version: 1,
        rules: [copyRule(), { name: 'sandboxes', match: { namespace: 'sandbox-*' }, skip: true }, copyRule()],
      };

      // Act
      const lines = issueLines(document);

      // Assess
      expect(lines).toEqual(['  rule "production" (rules[2]): name: duplicate rule name (also rules[0])']);
    });

    it('reports rules after a match-everything rule as unreachable', () => {
      // Prepare
      const document = {
        version: 1,
        rules: [{ name: 'everything', match: {}, skip: true }, copyRule()],
      };

      // Act
      const lines = issueLines(document);

      // Assess
      expect(lines).toEqual([
        '  rule "production" (rules[1]): unreachable: rule "everything" (rules[0]) before it matches every namespace (first match wins)',
      ]);
    });

    it.each([
      [null, '  a policy is a mapping with `version: 1` and `rules:`; got nothing'],
      [[], '  a policy is a mapping with `version: 1` and `rules:`; got a list'],
      [{ rules: [] }, '  version: required: write `version: 1`'],
      [{ version: 2, rules: [] }, '  version: unsupported version 2 (this release reads version 1)'],
      [{ version: 1 }, '  rules: required: a list of rules, first match wins'],
      [{ version: 1, rules: {} }, '  rules: must be a list of rules; got a mapping'],
      [
        { version: 1, rules: [], default: 'skip' },
        '  default: unknown key "default" (allowed: version, scope, rules)',
      ],
    ])('rejects a malformed document %j', (document, expected) => {
      // Act
      const lines = issueLines(document);

      // Assess
      expect(lines).toEqual([expected]);
    });

    it('collects every issue, in file order, instead of stopping at the first', () => {
      // Prepare
      const document = {
        version: 1,
        extra: true,
        rules: [
          copyRule({ copyTo: { region: 'us-west-9', retentionDays: 0 }, onExisting: 'replace' }),
          { name: 'sandboxes', match: { namespace: 'SANDBOX' }, skip: true },
          copyRule(),
        ],
      };

      // Act
      const error = (() => {
        try {
          validatePolicy(document);
        } catch (caught) {
          return caught as PolicyValidationError;
        }
        throw new Error('expected the policy to be rejected');
      })();

      // Assess
      expect(error.issues.map((issue) => issue.path)).toEqual([
        'extra',
        'rules[0].copyTo.region',
        'rules[0].copyTo.retentionDays',
        'rules[0].onExisting',
        'rules[1].match.namespace',
        'rules[2].name',
      ]);
      expect(error.message.split('\n')).toHaveLength(1 + 6);
      expect(error.message.split('\n')[0]).toBe('Invalid policy (6 issues):');
    });
  });
});
