import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CopyAutopilotError } from '../../../src/domain/errors.js';
import { PolicyValidationError } from '../../../src/domain/policy/errors.js';
import { PolicyFileError } from '../../../src/policyFiles/errors.js';
import { loadPolicyFile, loadPolicyFileSync } from '../../../src/policyFiles/loadPolicyFile.js';

const dir = mkdtempSync(join(tmpdir(), 'copy-autopilot-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, text: string) => {
  const path = join(dir, file);
  writeFileSync(path, text);
  return path;
};

const VALID = 'version: 1\nrules:\n  - name: all\n    match: {}\n    copyTo: { region: us-west-2 }\n';

describe('Function: loadPolicyFile', () => {
  it('returns the policy in the file', async () => {
    // Prepare
    const path = write('valid.yml', VALID);

    // Act
    const policy = await loadPolicyFile(path);

    // Assess
    expect(policy.rules.map((rule) => rule.name)).toEqual(['all']);
  });

  it('throws a PolicyFileError naming the path when the file is missing', async () => {
    // Prepare
    const path = join(dir, 'missing.yml');

    // Act
    const act = loadPolicyFile(path);

    // Assess
    await expect(act).rejects.toBeInstanceOf(PolicyFileError);
    await expect(act).rejects.toBeInstanceOf(CopyAutopilotError);
    await expect(act).rejects.toMatchObject({
      name: 'PolicyFileError',
      path,
      code: 'ENOENT',
      message: `Cannot read policy file ${path}: no such file`,
    });
  });

  it('throws a PolicyFileError when the path is a directory', async () => {
    // Act
    const act = loadPolicyFile(dir);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'PolicyFileError', code: 'EISDIR' });
  });

  it('throws a PolicyValidationError naming the file when its content is invalid', async () => {
    // Prepare
    const path = write(
      'invalid.yml',
      'version: 1\nrules:\n  - name: all\n    match: {}\n    copyTo: { region: mars-1 }\n',
    );

    // Act
    const act = loadPolicyFile(path);

    // Assess
    await expect(act).rejects.toBeInstanceOf(PolicyValidationError);
    await expect(act).rejects.toMatchObject({ source: path });
    await expect(act).rejects.toThrow(`Invalid policy ${path} (1 issue):`);
  });
});

describe('Function: loadPolicyFileSync', () => {
  it('returns the policy in the file', () => {
    // Prepare
    const path = write('valid-sync.yml', VALID);

    // Act
    const policy = loadPolicyFileSync(path);

    // Assess
    expect(policy.rules).toHaveLength(1);
  });

  it('throws a PolicyFileError naming the path when the file is missing', () => {
    // Prepare
    const path = join(dir, 'missing-sync.yml');

    // Act
    const act = () => loadPolicyFileSync(path);

    // Assess
    expect(act).toThrow(PolicyFileError);
    expect(act).toThrow(path);
  });
});
