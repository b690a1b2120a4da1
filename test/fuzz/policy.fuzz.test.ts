import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  type Policy,
  type PolicyIssue,
  PolicyValidationError,
  validatePolicy,
} from '../../src/domain/policy/index.js';
import { parsePolicy } from '../../src/policyFiles/parsePolicy.js';
import { chosenSeed } from '../fixtures/seed.js';
import { nearValid, PROTOTYPE_KEYS } from './nearValidJson.js';

/**
 * validatePolicy and parsePolicy on arbitrary and near-valid policies: a Policy comes back, or a
 * PolicyValidationError whose every issue says where and what, and whose message names the rule
 * an issue belongs to. Nothing else is ever thrown.
 */

const SEED = chosenSeed('FUZZ_SEED', 20_261_126);
const POLICY_TEXT = readFileSync(resolve(import.meta.dirname, '../../copy-policy.yml'), 'utf8');
const POLICY_DOCUMENT = parseYaml(POLICY_TEXT) as unknown;

/** Near misses of the policy's domain rules, for the mutations to plant. */
const INTERESTING = [
  1,
  2,
  '1',
  'us-east-1',
  'us-west-2',
  'us-west-9',
  'mars-north-1',
  'cn-north-1',
  'us-gov-west-1',
  0,
  3653,
  3654,
  -1,
  -2,
  7.5,
  'indefinite',
  'forever',
  '30',
  'update',
  'keep',
  'report',
  'replace',
  'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'alias/backups',
  'production',
  'everything-else',
  'Production',
  '-lead',
  'a'.repeat(64),
  'prod-*',
  '[',
  '**',
  {},
  { namespace: 'prod-*' },
  { tags: { 'dr-tier': '*' } },
  ['111111111111'],
  ['1111'],
  [],
  { region: 'us-west-2', retentionDays: 7 },
  { name: 'extra', match: {}, skip: true },
];

type Outcome = { readonly policy: Policy } | { readonly error: unknown };

function attempt(run: () => Policy): Outcome {
  try {
    return { policy: run() };
  } catch (error) {
    return { error };
  }
}

/** The rule's name when validatePolicy may use it as a label (a non-empty string). */
function usableRuleName(document: unknown, index: number): string | undefined {
  const rules = (document as { rules?: unknown } | null)?.rules;
  const rule = Array.isArray(rules) ? (rules[index] as unknown) : undefined;
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const { name } = rule as { name?: unknown };
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The issue is about the document as a whole (not a mapping, or not YAML at all). */
function isDocumentLevel(issue: PolicyIssue): boolean {
  return (issue.segments ?? []).length === 0;
}

/**
 * The contract of a failure. `document` is the data the validator saw, to tell which rule an
 * issue belongs to; undefined when the text never became data (a YAML error).
 */
function checkError(error: unknown, document: unknown): PolicyValidationError {
  expect(error).toBeInstanceOf(PolicyValidationError);
  const failure = error as PolicyValidationError;
  expect(failure.issues.length).toBeGreaterThan(0);
  // Collected, then asserted once: an expect per issue costs more than the validation itself.
  const problems: string[] = [];
  for (const issue of failure.issues) {
    const where = `${issue.path || '(document)'}: ${issue.message.slice(0, 80)}`;
    if (issue.message.trim() === '') problems.push(`${where}: empty message`);
    if (!failure.message.includes(issue.message)) problems.push(`${where}: not in the error message`);
    // A path says where, except for issues about the document as a whole: those say what the
    // document must be (a mapping; valid YAML, with the line and column).
    if (!isDocumentLevel(issue) && issue.path === '') problems.push(`${where}: no path`);
    const [first, index] = issue.segments ?? [];
    if (first === 'rules' && typeof index === 'number' && document !== undefined) {
      const name = usableRuleName(document, index);
      if (issue.rule !== name)
        problems.push(`${where}: rule ${String(issue.rule)}, expected ${String(name)}`);
      if (name !== undefined && !failure.message.includes(`rule "${name}"`)) {
        problems.push(`${where}: the message does not name rule "${name}"`);
      }
    }
  }
  expect(problems).toEqual([]);
  return failure;
}

function checkPolicy(policy: Policy): void {
  expect(Object.isFrozen(policy)).toBe(true);
  expect(policy.version).toBe(1);
  const names = policy.rules.map((rule) => rule.name);
  expect(new Set(names).size).toBe(names.length);
}

function checkValidate(document: unknown): 'valid' | 'invalid' {
  const outcome = attempt(() => validatePolicy(document));
  if ('policy' in outcome) {
    checkPolicy(outcome.policy);
    return 'valid';
  }
  checkError(outcome.error, document);
  return 'invalid';
}

function checkParse(text: string): 'valid' | 'invalid' {
  const outcome = attempt(() => parsePolicy(text, { source: 'fuzz.yml' }));
  if ('policy' in outcome) {
    checkPolicy(outcome.policy);
    return 'valid';
  }
  // The data the validator saw, when the text was YAML at all.
  let document: unknown;
  const inRules = (issue: PolicyIssue) => issue.segments?.[0] === 'rules';
  // Parsed again only when an issue points into a rule: YAML parsing dominates these runs.
  const yaml =
    outcome.error instanceof PolicyValidationError && outcome.error.issues.some(inRules)
      ? parseDocument(text, { uniqueKeys: true })
      : undefined;
  if (yaml !== undefined && yaml.errors.length === 0 && yaml.warnings.length === 0) {
    try {
      document = yaml.toJS();
    } catch {
      document = undefined;
    }
  }
  const failure = checkError(outcome.error, document);
  expect(failure.message).toContain('fuzz.yml');
  const lines = text.split('\n').length;
  const misplaced = failure.issues.filter(
    (issue) => issue.line !== undefined && (issue.line < 1 || issue.line > lines + 1),
  );
  expect(misplaced).toEqual([]);
  return 'invalid';
}

/** Line-level edits of the YAML text: what a hurried hand does to a file. */
const textEdit = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    line: fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '  - *anchor',
        '  &anchor',
        '<<: *x',
        '---',
        '...',
        '\t- name: tab',
        'rules: []',
        '%YAML 1.1',
      ),
    ),
  }),
);

type TextEdit = { op: string; at: number; by?: number; line?: string };

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  for (const edit of edits) {
    const at = edit.at % (lines.length + 1);
    const line = lines[at] ?? '';
    if (edit.op === 'delete') lines.splice(at, 1);
    else if (edit.op === 'duplicate') lines.splice(at, 0, line);
    else if (edit.op === 'indent') {
      lines[at] = (edit.by ?? 0) >= 0 ? ' '.repeat(edit.by ?? 0) + line : line.slice(-(edit.by ?? 0));
    } else lines.splice(at, 0, edit.line ?? '');
  }
  return lines.join('\n');
}

describe('Function: validatePolicy (fuzzed)', () => {
  it('accepts the repository’s copy-policy.yml (the seed of the near-valid inputs)', () => {
    expect(checkValidate(POLICY_DOCUMENT)).toBe('valid');
  });

  it('returns a policy or throws PolicyValidationError for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (document) => {
        checkValidate(document);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('returns a policy or throws PolicyValidationError for policy-shaped values', () => {
    const rule = fc.dictionary(
      fc.constantFrom('name', 'match', 'skip', 'copyTo', 'onExisting', 'retention', ...PROTOTYPE_KEYS),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...INTERESTING)),
    );
    fc.assert(
      fc.property(
        fc.record({
          version: fc.constantFrom(1, 2, '1', undefined),
          rules: fc.array(rule, { maxLength: 6 }),
        }),
        (document) => {
          checkValidate(document);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('names the rule and field of every issue in near-valid policies', () => {
    // Prepare: a generator that never produced a valid or an invalid policy proves nothing.
    const seen = new Map<string, number>();

    // Act
    fc.assert(
      fc.property(nearValid(POLICY_DOCUMENT, INTERESTING), (document) => {
        const verdict = checkValidate(document);
        seen.set(verdict, (seen.get(verdict) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: 500 },
    );

    // Assess
    expect(seen.get('valid') ?? 0).toBeGreaterThan(0);
    expect(seen.get('invalid') ?? 0).toBeGreaterThan(0);
  });
});

describe('Function: parsePolicy (fuzzed)', () => {
  it('returns a policy or throws PolicyValidationError for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), (text) => {
        checkParse(text);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('round-trips near-valid policies through YAML with located issues', () => {
    fc.assert(
      fc.property(nearValid(POLICY_DOCUMENT, INTERESTING), (document) => {
        checkParse(stringifyYaml(document));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('reports syntax and structure errors in hand-edited copies of copy-policy.yml', () => {
    fc.assert(
      fc.property(fc.array(textEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        checkParse(applyTextEdits(POLICY_TEXT, edits));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
