import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyValidationError } from '../../../src/domain/policy/errors.js';
import { compilePolicyFile } from '../../../src/policyFiles/compilePolicy.js';
import { PolicyFileError } from '../../../src/policyFiles/errors.js';
import { loadCompiledPolicySync } from '../../../src/policyFiles/loadCompiledPolicy.js';
import { loadPolicyFileSync } from '../../../src/policyFiles/loadPolicyFile.js';

const ROOT = join(import.meta.dirname, '../../..');

describe('Function: compilePolicyFile', () => {
  it('writes the validated policy as JSON that loads back to the same policy', async () => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), 'compiled-'));

    // Act
    const compiled = compilePolicyFile(join(ROOT, 'copy-policy.yml'), out);

    // Assess
    expect(loadCompiledPolicySync(compiled.file)).toEqual(loadPolicyFileSync(join(ROOT, 'copy-policy.yml')));
    expect(compiled.policy.rules.map((rule) => rule.name)).toContain('everything-else');
  });

  it.each([
    'test/fixtures/policies/organization.yml',
    'test/fixtures/policies/scoped-accounts.json',
    'examples/policies/multi-account.yml',
    'examples/policies/organization.yml',
  ])('carries the scope and onDeleted of %s into the JSON, in the file’s own shape', async (source) => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), 'compiled-'));

    // Act
    const compiled = compilePolicyFile(join(ROOT, source), out);
    const document = JSON.parse(await readFile(compiled.file, 'utf8'));

    // Assess
    expect(loadCompiledPolicySync(compiled.file)).toEqual(loadPolicyFileSync(join(ROOT, source)));
    expect(compiled.policy.scope).toBeDefined();
    expect(typeof document.scope.accounts === 'string' || Array.isArray(document.scope.accounts)).toBe(true);
    expect(document.scope.memberRoleName).toBe('copy-autopilot-member');
    for (const rule of document.rules.filter((r: { skip?: boolean }) => r.skip !== true)) {
      expect(['restore', 'report']).toContain(rule.onDeleted);
    }
  });

  it('names the file after its content: the same policy twice, one name; another policy, another', async () => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), 'compiled-'));

    // Act
    const first = compilePolicyFile(join(ROOT, 'copy-policy.yml'), out);
    const again = compilePolicyFile(join(ROOT, 'copy-policy.yml'), out);
    const other = compilePolicyFile(join(ROOT, 'examples/policies/tiered.yml'), out);

    // Assess
    expect(basename(first.file)).toMatch(/^policy-[0-9a-f]{12}\.json$/);
    expect(again.file).toBe(first.file);
    expect(other.file).not.toBe(first.file);
  });

  it('refuses an invalid policy with the validator’s error and writes nothing', async () => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), 'compiled-'));

    // Act & Assess
    expect(() => compilePolicyFile(join(ROOT, 'test/fixtures/policies/invalid.yml'), out)).toThrow(
      PolicyValidationError,
    );
  });
});

describe('Function: loadCompiledPolicySync', () => {
  it('validates the JSON again: a tampered file is rejected with the rule and field named', async () => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), 'compiled-'));
    const { file } = compilePolicyFile(join(ROOT, 'copy-policy.yml'), out);
    const document = JSON.parse(await readFile(file, 'utf8'));
    document.rules[1].copyTo.region = 'us-west-9';
    await writeFile(file, JSON.stringify(document));

    // Act & Assess
    expect(() => loadCompiledPolicySync(file)).toThrow(
      /rules\[1\].*copyTo\.region: unknown region "us-west-9"/,
    );
  });

  it('reports a missing or non-JSON file as a PolicyFileError naming it', async () => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), 'compiled-'));
    const yamlFile = join(out, 'policy.yml');
    await writeFile(yamlFile, 'version: 1\nrules: []\n');

    // Act & Assess
    expect(() => loadCompiledPolicySync(join(out, 'missing.json'))).toThrow(PolicyFileError);
    expect(() => loadCompiledPolicySync(yamlFile)).toThrow(/Cannot read policy file .*policy\.yml/);
  });
});
