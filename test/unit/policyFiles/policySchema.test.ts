import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AWS_REGIONS } from '../../../src/domain/awsRegions.js';
import { CrossFieldCheck, PolicyValidationError } from '../../../src/domain/policy/errors.js';
import { parsePolicy } from '../../../src/policyFiles/parsePolicy.js';
import {
  createPolicyAjv,
  disagreement,
  documentedChecks,
  SCHEMA,
  SCHEMA_KEY,
  validatorIssues,
} from '../../fixtures/policySchema.js';

/**
 * schema/copy-policy.schema.json is what editors check policies with as they are typed; the
 * validator is what the build, the CLI and the worker enforce. They must agree on which policies
 * are valid, except for the cross-field checks the schema's description lists (a policy invalid
 * only for those may pass the schema).
 */

const ROOT = resolve(import.meta.dirname, '../../..');

/** Every policy file of the repository: the project's, the examples and the test fixtures. */
const POLICY_FILES = [
  'copy-policy.yml',
  ...filesIn('examples/policies'),
  ...filesIn('test/fixtures/policies'),
];

function filesIn(directory: string): string[] {
  return readdirSync(join(ROOT, directory))
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .map((file) => `${directory}/${file}`);
}

const ajv = createPolicyAjv();
const validateWithSchema = ajv.getSchema(SCHEMA_KEY);

function schemaFunction(): ValidateFunction {
  if (validateWithSchema === undefined) throw new Error('the schema did not compile');
  return validateWithSchema;
}

function readPolicyData(file: string): unknown {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parse(text, { uniqueKeys: true });
}

/** Every subschema, with its JSON pointer from the root. */
function subschemas(node: unknown, pointer = ''): { pointer: string; schema: Record<string, unknown> }[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((item, index) => subschemas(item, `${pointer}/${index}`));
  const schema = node as Record<string, unknown>;
  const found = [{ pointer, schema }];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'examples' || key === 'enum' || key === 'const' || key === 'required') continue;
    if (key === 'properties' || key === 'definitions' || key === 'dependencies') {
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
        if (!Array.isArray(child)) found.push(...subschemas(child, `${pointer}/${key}/${name}`));
      }
    } else if (typeof value === 'object') {
      found.push(...subschemas(value, `${pointer}/${key}`));
    }
  }
  return found;
}

/** The property schemas: the fields a policy author writes. */
function fields(): { pointer: string; schema: Record<string, unknown> }[] {
  return subschemas(SCHEMA).filter(
    ({ pointer }) => /\/properties\/[^/]+$/.test(pointer) && !/oneOf|dependencies/.test(pointer),
  );
}

describe('schema/copy-policy.schema.json', () => {
  it('compiles as a draft-07 schema in strict mode', () => {
    // Assess
    expect(SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schemaFunction()).toBeTypeOf('function');
  });

  it.each(POLICY_FILES)('agrees with the validator on %s', (file) => {
    // Act
    const found = disagreement(schemaFunction(), ajv, readPolicyData(file));

    // Assess
    expect(found).toBeUndefined();
  });

  it.each(POLICY_FILES.filter((file) => !file.endsWith('.json')))(
    'reaches the same verdict through parsePolicy for %s',
    (file) => {
      // Prepare
      const text = readFileSync(join(ROOT, file), 'utf8');
      const accepted = (read: () => unknown) => {
        try {
          read();
          return true;
        } catch (error) {
          if (error instanceof PolicyValidationError) return false;
          throw error;
        }
      };

      // Act & Assess
      expect(accepted(() => parsePolicy(text))).toBe(validatorIssues(readPolicyData(file)).length === 0);
    },
  );

  it('holds fixtures of every kind: valid, refused by both, refused only by a cross-field check', () => {
    // Act
    const verdicts = POLICY_FILES.map((file) => {
      const data = readPolicyData(file);
      return `${schemaFunction()(data) === true}/${validatorIssues(data).length === 0}`;
    });

    // Assess
    expect(new Set(verdicts)).toEqual(new Set(['true/true', 'false/false', 'true/false']));
  });

  it('lists in its description exactly the cross-field checks the validator runs', () => {
    // Assess
    expect(documentedChecks().sort()).toEqual(Object.values(CrossFieldCheck).sort());
  });

  it('knows the regions the validator knows, each partition’s in a list of its own', () => {
    // Prepare
    const definitions = SCHEMA.definitions as Record<string, { enum: string[] }>;
    const scopeRegions = (
      SCHEMA.properties as { scope: { properties: { regions: { anyOf: { items?: { enum: string[] } }[] } } } }
    ).scope.properties.regions.anyOf
      .map((branch) => branch.items?.enum)
      .filter((list): list is string[] => list !== undefined);
    const byPartition = Object.entries(AWS_REGIONS).reduce<Record<string, string[]>>(
      (partitions, [region, partition]) => {
        partitions[partition] = [...(partitions[partition] ?? []), region];
        return partitions;
      },
      {},
    );

    // Assess
    expect(definitions.region?.enum.sort()).toEqual(Object.keys(AWS_REGIONS).sort());
    expect(scopeRegions.map((list) => [...list].sort())).toEqual(
      Object.values(byPartition).map((list) => [...list].sort()),
    );
  });

  it('describes every field, with examples', () => {
    // Act
    const undocumented = fields()
      .filter(({ schema }) => typeof schema.description !== 'string' || !Array.isArray(schema.examples))
      .map(({ pointer }) => pointer);

    // Assess
    expect(fields().length).toBeGreaterThan(15);
    expect(undocumented).toEqual([]);
  });

  it('holds only examples that its own subschemas accept', () => {
    // Prepare
    const withExamples = subschemas(SCHEMA).filter(({ schema }) => Array.isArray(schema.examples));

    // Act
    const rejected = withExamples.flatMap(({ pointer, schema }) => {
      const validate = ajv.compile({ $ref: `${SCHEMA_KEY}#${pointer}` });
      return (schema.examples as unknown[])
        .filter((example) => !validate(example))
        .map((example) => `${pointer}: ${JSON.stringify(example)}`);
    });

    // Assess
    expect(withExamples.length).toBeGreaterThan(20);
    expect(rejected).toEqual([]);
  });

  it('holds top-level examples the validator accepts', () => {
    // Act & Assess
    for (const example of SCHEMA.examples as unknown[]) expect(validatorIssues(example)).toEqual([]);
  });

  it.each(POLICY_FILES.filter((file) => !file.endsWith('.json')))(
    'is named on the first line of %s, by a path that reaches it',
    (file) => {
      // Prepare
      const [firstLine] = readFileSync(join(ROOT, file), 'utf8').split('\n');
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine ?? '');

      // Assess
      expect(match).not.toBeNull();
      const target = resolve(dirname(join(ROOT, file)), match?.[1] ?? '');
      expect(relative(ROOT, target)).toBe('schema/copy-policy.schema.json');
    },
  );
});
