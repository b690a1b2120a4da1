import { describe, expect, it } from 'vitest';
import { summariseOslsFailure } from '../../../../src/local/runner/oslsFailure.js';

const POLICY_ERROR = [
  'Invalid copy policy bad.yml:',
  'Invalid policy /srv/bad.yml (1 issue):',
  '  line 5:15: rule "x" (rules[0]): copyTo.region: unknown region "mars-1"',
].join('\n');

/** What osls 4.3.1 printed for a policy the build plugin refused (three places use the variable). */
const OSLS_OUTPUT = [
  'Error:',
  'Cannot resolve serverless.yml: Variables resolution errored with:',
  `  - Cannot resolve variable at "package.patterns.0": ${POLICY_ERROR},`,
  `  - Cannot resolve variable at "functions.copyWorker.environment.POLICY_FILE": ${POLICY_ERROR},`,
  `  - Cannot resolve variable at "functions.sweep.environment.POLICY_FILE": ${POLICY_ERROR}`,
  '',
  'Environment: linux, node 20.20.2, osls 4.3.1 (local)',
  'Docs:        github.com/oss-serverless/osls',
].join('\n');

describe('Function: summariseOslsFailure', () => {
  it('tells a variable failure repeated at several places once, naming the places', () => {
    // Act
    const summary = summariseOslsFailure(OSLS_OUTPUT);

    // Assess
    expect(summary).toBe(
      [
        'Cannot resolve serverless.yml',
        POLICY_ERROR,
        '(at package.patterns.0, functions.copyWorker.environment.POLICY_FILE, functions.sweep.environment.POLICY_FILE)',
      ].join('\n'),
    );
  });

  it('keeps other failures as printed, less the environment trailer', () => {
    // Act & Assess
    expect(summariseOslsFailure('Error:\nNo serverless.yml found\n\nEnvironment: linux')).toBe(
      'Error:\nNo serverless.yml found',
    );
  });
});
