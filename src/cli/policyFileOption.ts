import { isAbsolute, resolve } from 'node:path';
import { formatPolicyIssue, PolicyValidationError } from '../domain/policy/errors.js';
import type { Policy } from '../domain/policy/types.js';
import { PolicyFileError } from '../policyFiles/errors.js';
import { loadPolicyFile } from '../policyFiles/loadPolicyFile.js';
import type { OutputFormat } from './awsOptions.js';
import { UsageError } from './errors.js';
import type { Printer } from './printer.js';

/** The policy serverless.yml bundles by default (`params.default.policyFile`). */
export const DEFAULT_POLICY_FILE = 'copy-policy.yml';

/**
 * Loads a policy named on the command line, relative to the working directory. A file that
 * cannot be read is the caller's mistake (UsageError); an invalid one throws
 * PolicyValidationError naming the file as the user typed it.
 */
export async function readPolicyFile(file: string, cwd: string): Promise<Policy> {
  try {
    return await loadPolicyFile(isAbsolute(file) ? file : resolve(cwd, file));
  } catch (error) {
    if (error instanceof PolicyFileError) {
      throw new UsageError(
        error.message,
        `check the path (relative to ${cwd}), pass another with --policy FILE, or run where ${DEFAULT_POLICY_FILE} is`,
      );
    }
    if (error instanceof PolicyValidationError) {
      // Name the file as the user typed it: `copy-policy.yml:12:5:` is what an editor links.
      throw new PolicyValidationError(error.issues, { source: file, cause: error });
    }
    throw error;
  }
}

/**
 * Every issue, one line each (`file:line:col: rule "x" (rules[1]): field: message`), then a
 * count on stderr; or the issues as JSON. `stderr` puts every line there: for `status` and
 * `sweep`, whose stdout is their report.
 */
export function printPolicyIssues(
  error: PolicyValidationError,
  printer: Printer,
  output: OutputFormat | 'stderr',
): void {
  if (output === 'json') {
    printer.json({
      file: error.source,
      valid: false,
      issues: error.issues.map((issue) => ({ ...issue, text: formatPolicyIssue(issue, error.source) })),
    });
    return;
  }
  const print = (text: string) => (output === 'stderr' ? printer.note(text) : printer.line(text));
  for (const issue of error.issues) print(formatPolicyIssue(issue, error.source));
  const count = error.issues.length === 1 ? '1 issue' : `${error.issues.length} issues`;
  printer.note(`${error.source ?? 'policy'}: invalid (${count})`);
}

/**
 * The policy a command was given (`--policy FILE`, else {@link DEFAULT_POLICY_FILE}). An invalid
 * one is printed issue by issue, as `policy check` prints it, and gives undefined: the command
 * then exits 1. A file that cannot be read throws UsageError (exit 2). (`status` and `sweep`,
 * whose stdout is their report, print the same lines on stderr: readSweepOptions.)
 */
export async function readPolicyOption(
  file: string | undefined,
  cwd: string,
  printer: Printer,
  output: OutputFormat,
): Promise<Policy | undefined> {
  try {
    return await readPolicyFile(file ?? DEFAULT_POLICY_FILE, cwd);
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    printPolicyIssues(error, printer, output);
    return undefined;
  }
}
