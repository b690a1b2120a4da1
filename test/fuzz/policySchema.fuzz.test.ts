import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createPolicyAjv, disagreement, SCHEMA_KEY, validatorIssues } from '../fixtures/policySchema.js';
import { chosenSeed } from '../fixtures/seed.js';
import { nearValid, pathsOf } from './nearValidJson.js';

/**
 * The schema and the validator on near-valid policies: mutations of the repository's policy and
 * of the organization fixture (scope, onDeleted). Wherever they disagree, the validator's reason
 * must be one of the cross-field checks the schema's description lists.
 */

const SEED = chosenSeed('FUZZ_SEED', 20_261_127);
const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLES = [
  'copy-policy.yml',
  'test/fixtures/policies/organization.yml',
  'test/fixtures/policies/scoped-accounts.json',
].map((file) => parseYaml(readFileSync(resolve(ROOT, file), 'utf8')) as unknown);

/** Values on both sides of each field's rules, for the mutations to plant. */
const FIELD_VALUES: Readonly<Record<string, readonly unknown[]>> = {
  scope: [
    {},
    { regions: ['us-east-1'] },
    { accounts: 'organization', memberRoleName: 'member' },
    ['us-east-1'],
  ],
  accounts: ['organization', 'all', ['222222222222'], [222222222222], [12345678901], ['1'], []],
  organizationalUnits: [['ou-ab12-cdefgh12'], ['ou-AB12-cdefgh12'], 'ou-ab12-cdefgh12', []],
  regions: [
    'all-enabled',
    'all',
    ['us-east-1', 'us-west-2'],
    ['us-east-1', 'cn-north-1'],
    ['us-gov-west-1'],
    ['mars-1'],
  ],
  memberRoleName: ['copy-autopilot-member', 'a+=,.@_-', 'copy autopilot', 'r'.repeat(64), 'r'.repeat(65), ''],
  name: ['production', 'extra', 'Production', '-lead', 'a'.repeat(63), 'a'.repeat(64), ''],
  match: [{}, { namespace: 'prod-*' }, { sourceRegions: ['us-west-1'] }, { accounts: [] }, null],
  namespace: ['prod-*', 'sales-??', 'PROD', '', '**'],
  tags: [{ 'dr-tier': 'gold' }, { 'dr-tier': 1 }, { ['k'.repeat(129)]: 'v' }, { k: 'v'.repeat(257) }, []],
  sourceRegions: [['us-east-1'], ['us-west-1'], ['us-west-2'], ['cn-north-1'], [], ['us-east-9']],
  skip: [true, false, 'yes'],
  copyTo: [{ region: 'us-west-2', retentionDays: 7 }, { region: 'cn-north-1' }, { retentionDays: 7 }, {}],
  region: ['us-west-2', 'us-east-1', 'us-east-2', 'cn-north-1', 'us-gov-east-1', 'us-west-9'],
  kmsKeyId: [
    'alias/backups',
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws-cn:kms:us-west-2:111111111111:key/x',
    'key/x',
    '',
  ],
  retentionDays: [-1, 0, 1, 3653, 3654, 7.5, 'indefinite', 'forever', '30'],
  onExisting: ['keep', 'update', 'report', 'replace'],
  onDeleted: ['restore', 'report', 'recreate', true],
  version: [1, 2, '1'],
};
const FIELDS = Object.keys(FIELD_VALUES);
const ANY_VALUES = Object.values(FIELD_VALUES).flat();

type Plant =
  | { readonly op: 'field'; readonly key: string; readonly pick: number; readonly at: number }
  | { readonly op: 'delete'; readonly at: number };

/**
 * A field set to a value near its rules, where the policy has that field or added to one of its
 * mappings; or a field deleted. Far likelier than random mutations to make a policy that one
 * side accepts and the other refuses.
 */
function planted(sample: unknown): fc.Arbitrary<unknown> {
  // Unbiased: fast-check favours small numbers, which would keep drawing the same few picks.
  const index = fc.noBias(fc.nat());
  const plant: fc.Arbitrary<Plant> = fc.oneof(
    fc.record({
      op: fc.constant('field' as const),
      key: fc.constantFrom(...FIELDS),
      pick: fc.nat(),
      at: fc.nat(),
    }),
    fc.record({ op: fc.constant('delete' as const), at: index }),
  );
  return fc.array(plant, { minLength: 1, maxLength: 3 }).map((plants) => {
    const document = structuredClone(sample) as Record<string, unknown>;
    for (const change of plants) applyPlant(document, change);
    return document;
  });
}

function applyPlant(document: Record<string, unknown>, change: Plant): void {
  const paths = pathsOf(document);
  const containerOf = (path: readonly (string | number)[]) =>
    path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document) as Record<
      string | number,
      unknown
    >;
  if (change.op === 'delete') {
    const path = paths[change.at % paths.length] ?? [];
    const container = containerOf(path.slice(0, -1));
    const key = path[path.length - 1] as string | number;
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete container[key];
    return;
  }
  const values = FIELD_VALUES[change.key] ?? [];
  const value = structuredClone(values[change.pick % values.length]);
  // Where the field already is, most of the time; otherwise into any mapping (or the root).
  const existing = paths.filter((path) => path[path.length - 1] === change.key);
  const mappings = [[], ...paths].filter((path) => {
    const node = path.length === 0 ? document : containerOf(path);
    return typeof node === 'object' && node !== null && !Array.isArray(node);
  });
  const targets =
    existing.length > 0 && change.at % 4 !== 0 ? existing : mappings.map((path) => [...path, change.key]);
  const target = targets[change.at % targets.length] ?? [change.key];
  containerOf(target.slice(0, -1))[target[target.length - 1] as string] = value;
}

describe('schema/copy-policy.schema.json (fuzzed against validatePolicy)', () => {
  it('agrees with the validator on every field value planted where the field is, one at a time', () => {
    // Prepare
    const ajv = createPolicyAjv();
    const validate = ajv.getSchema(SCHEMA_KEY);
    if (validate === undefined) throw new Error('the schema did not compile');

    // Act: every value of FIELD_VALUES at every place its field has in every sample
    const found: string[] = [];
    let checked = 0;
    for (const sample of SAMPLES) {
      for (const path of pathsOf(sample)) {
        const field = path[path.length - 1];
        for (const value of typeof field === 'string' ? (FIELD_VALUES[field] ?? []) : []) {
          const document = structuredClone(sample) as Record<string, unknown>;
          const parent = path
            .slice(0, -1)
            .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document);
          (parent as Record<string, unknown>)[field as string] = structuredClone(value);
          checked += 1;
          const problem = disagreement(validate, ajv, document);
          if (problem !== undefined) found.push(`${path.join('.')} = ${JSON.stringify(value)}: ${problem}`);
        }
      }
    }

    // Assess
    expect(checked).toBeGreaterThan(300);
    expect(found).toEqual([]);
  });

  it('disagrees with the validator only on the cross-field checks it lists', () => {
    // Prepare
    const ajv = createPolicyAjv();
    const validate = ajv.getSchema(SCHEMA_KEY);
    if (validate === undefined) throw new Error('the schema did not compile');
    const seen = { valid: 0, invalid: 0 };

    // Act
    fc.assert(
      fc.property(
        fc
          .constantFrom(...SAMPLES)
          .chain((sample) => fc.oneof(planted(sample), nearValid(sample, ANY_VALUES))),
        (document) => {
          if (validatorIssues(document).length === 0) seen.valid += 1;
          else seen.invalid += 1;
          expect(disagreement(validate, ajv, document)).toBeUndefined();
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );

    // Assess: a generator that never made a valid or an invalid policy proves nothing.
    expect(seen.valid).toBeGreaterThan(0);
    expect(seen.invalid).toBeGreaterThan(0);
  });
});
