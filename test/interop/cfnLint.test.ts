import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageService } from '../../src/local/runner/packageService.js';
import { INTEROP_TOOLS, runTool } from './interopTools.js';

/**
 * cfn-lint, the linter the CloudFormation ecosystem uses, on what reaches an account: the
 * template `osls package --stage dev --region us-east-1` writes, and deploy/member-account.yml.
 * Zero errors; every warning is either fixed or listed with its reason in
 * cfn-lint-accepted-findings.json, and every listed one must still occur.
 */

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ACCEPTED_FILE = fileURLToPath(new URL('./cfn-lint-accepted-findings.json', import.meta.url));
const MEMBER_TEMPLATE = 'deploy/member-account.yml';

/** The templates by the name the accepted findings use. */
type TemplateName = 'packaged' | typeof MEMBER_TEMPLATE;

/** One cfn-lint result as `--format json` prints it (the fields read here). */
interface CfnLintResult {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Location: { readonly Path: readonly (string | number)[] };
  readonly Message: string;
  readonly Rule: { readonly Id: string };
}

/** A finding as the accepted-findings file names it. */
interface Finding {
  readonly template: TemplateName;
  readonly rule: string;
  readonly path: string;
}

interface AcceptedFinding extends Finding {
  readonly reason: string;
}

const sameFinding = (a: Finding) => (b: Finding) =>
  a.template === b.template && a.rule === b.rule && a.path === b.path;

let packageDirectory: string | undefined;
let errors: string[];
let warnings: (Finding & { readonly message: string })[];
let accepted: readonly AcceptedFinding[];

beforeAll(async () => {
  const packaged = await packageService({ serviceDir: REPO_ROOT, stage: 'dev', region: 'us-east-1' });
  packageDirectory = packaged.directory;
  const packagedTemplate = join(packaged.directory, 'cloudformation-template-update-stack.json');
  // Both templates deploy in any region (the member template in every one an organization uses).
  // cfn-lint exits with a bit mask (2 errors, 4 warnings, 8 informational): those are answers.
  const { stdout } = await runTool(INTEROP_TOOLS.cfnLint, {
    args: ['--format', 'json', '--regions', 'ALL_REGIONS', '--', packagedTemplate, MEMBER_TEMPLATE],
    cwd: REPO_ROOT,
    acceptedExitCodes: [2, 4, 6, 8, 10, 12, 14],
  });
  const results = JSON.parse(stdout) as CfnLintResult[];
  const templateOf = (file: string): TemplateName =>
    file === packagedTemplate ? 'packaged' : MEMBER_TEMPLATE;
  errors = results
    .filter((result) => result.Level === 'Error')
    .map(
      (result) =>
        `${templateOf(result.Filename)} ${result.Rule.Id} ${result.Location.Path.join('/')}: ${result.Message}`,
    );
  warnings = results
    .filter((result) => result.Level === 'Warning')
    .map((result) => ({
      template: templateOf(result.Filename),
      rule: result.Rule.Id,
      path: result.Location.Path.join('/'),
      message: result.Message,
    }));
  accepted = (JSON.parse(await readFile(ACCEPTED_FILE, 'utf8')) as { findings: AcceptedFinding[] }).findings;
}, 120_000);

afterAll(async () => {
  if (packageDirectory !== undefined) await rm(packageDirectory, { recursive: true, force: true });
});

describe('cfn-lint: the packaged template and deploy/member-account.yml', () => {
  it('reports no errors', () => {
    // Assess
    expect(errors).toEqual([]);
  });

  it('reports no warning that is not in the accepted findings', () => {
    // Act: printed as entries for cfn-lint-accepted-findings.json, for whoever decides to keep one.
    const unlisted = warnings
      .filter((warning) => !accepted.some(sameFinding(warning)))
      .map(({ template, rule, path, message }) => ({
        template,
        rule,
        path,
        reason: `(cfn-lint: ${message})`,
      }));

    // Assess
    expect(unlisted).toEqual([]);
  });

  it('still reports every accepted finding, so the list cannot outlive its reasons', () => {
    // Act
    const stale = accepted.filter((finding) => !warnings.some(sameFinding(finding)));

    // Assess
    expect(stale).toEqual([]);
  });

  it('gives every accepted finding a reason', () => {
    // Act
    const unexplained = accepted.filter(
      (finding) => finding.reason.trim() === '' || finding.reason.startsWith('(cfn-lint:'),
    );

    // Assess
    expect(unexplained).toEqual([]);
  });
});
