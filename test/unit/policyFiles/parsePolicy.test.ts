import { describe, expect, it } from 'vitest';
import { PolicyValidationError } from '../../../src/domain/policy/errors.js';
import { parsePolicy } from '../../../src/policyFiles/parsePolicy.js';

function rejection(text: string, source?: string): PolicyValidationError {
  try {
    parsePolicy(text, source === undefined ? {} : { source });
  } catch (error) {
    if (error instanceof PolicyValidationError) return error;
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('Function: parsePolicy', () => {
  it('returns the policy written in YAML', () => {
    // Prepare
    const text = [
      'version: 1',
      'rules:',
      '  - name: production',
      '    match: { namespace: "prod-*", tags: { dr-tier: gold }, accounts: ["111111111111"] }',
      '    copyTo: { region: us-west-2, retentionDays: 30 }',
      '    onExisting: update',
    ].join('\n');

    // Act
    const policy = parsePolicy(text);

    // Assess
    expect(policy).toEqual({
      version: 1,
      rules: [
        {
          name: 'production',
          match: { namespace: 'prod-*', tags: { 'dr-tier': 'gold' }, accounts: ['111111111111'] },
          copyTo: { region: 'us-west-2', retentionDays: 30 },
          onExisting: 'update',
          onDeleted: 'restore',
        },
      ],
    });
  });

  it('accepts JSON, which is YAML too', () => {
    // Act
    const policy = parsePolicy('{"version": 1, "rules": [{"name": "all", "match": {}, "skip": true}]}');

    // Assess
    expect(policy.rules).toEqual([{ name: 'all', match: {}, skip: true }]);
  });

  it('turns a YAML syntax error into a PolicyValidationError with line and column', () => {
    // Prepare
    const text = 'version: 1\nrules:\n  - name: a\n    match: { namespace: "x"\n  - b\n';

    // Act
    const error = rejection(text, 'copy-policy.yml');

    // Assess
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ line: 5, column: 3 });
    expect(error.issues[0]?.message).toMatch(/^YAML: /);
    expect(error.message).toContain('copy-policy.yml');
    expect(error.message).toContain('line 5:3: YAML: ');
  });

  it('rejects a key given twice instead of letting the last one win', () => {
    // Act
    const error = rejection('version: 1\nrules: []\nrules: []\n');

    // Assess
    expect(error.issues[0]).toMatchObject({ line: 3, column: 1 });
    expect(error.issues[0]?.message).toContain('unique');
  });

  it('rejects an alias without its anchor', () => {
    // Act
    const error = rejection('version: 1\nrules: *missing\n');

    // Assess
    expect(error.issues[0]?.message).toMatch(/^YAML: /);
  });

  it('rejects an empty file', () => {
    // Act
    const error = rejection('');

    // Assess
    expect(error.issues[0]?.message).toContain('a policy is a mapping');
  });

  it('gives each validation issue the line and column of the field it names', () => {
    // Prepare
    const text = [
      'version: 1',
      'rules:',
      '  - name: production',
      '    match: {}',
      '    copyTo:',
      '      region: us-west-9',
      '      retention: 7',
    ].join('\n');

    // Act
    const error = rejection(text, 'copy-policy.yml');

    // Assess
    expect(error.issues.map(({ path, line, column }) => ({ path, line, column }))).toEqual([
      { path: 'rules[0].copyTo.region', line: 6, column: 7 },
      { path: 'rules[0].copyTo.retention', line: 7, column: 7 },
    ]);
    expect(error.source).toBe('copy-policy.yml');
    expect(error.message.split('\n')).toEqual([
      'Invalid policy copy-policy.yml (2 issues):',
      '  line 6:7: rule "production" (rules[0]): copyTo.region: unknown region "us-west-9"',
      '  line 7:7: rule "production" (rules[0]): copyTo.retention: unknown key "retention" (did you mean "retentionDays"?)',
    ]);
  });

  it('points a missing field at the nearest enclosing node', () => {
    // Prepare
    const text = 'version: 1\nrules:\n  - match: {}\n    skip: true\n';

    // Act
    const error = rejection(text);

    // Assess
    expect(error.issues[0]).toMatchObject({ path: 'rules[0].name', line: 3, column: 5 });
  });
});
