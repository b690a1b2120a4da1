import { CopyAutopilotError } from '../errors.js';

/**
 * One thing wrong with a policy. `path` is where, from the document root
 * (`rules[1].copyTo.region`); `rule` is the rule's name when it has a usable one, so the
 * message reads the way the author thinks of the file.
 */
export interface PolicyIssue {
  readonly rule?: string;
  readonly path: string;
  readonly message: string;
  /** 1-based position in the YAML source, when the policy came from text. */
  readonly line?: number;
  readonly column?: number;
  /** `path` as keys and indexes, for tools that need to walk the document (line lookup). */
  readonly segments?: readonly (string | number)[];
}

/**
 * A policy that cannot be used. Carries every issue found, not only the first, so one run of
 * `policy check` (or one failed deploy) shows everything to fix.
 */
export class PolicyValidationError extends CopyAutopilotError {
  public readonly issues: readonly PolicyIssue[];
  /** The file the policy came from, when known. */
  public readonly source?: string;

  public constructor(issues: readonly PolicyIssue[], options?: { source?: string; cause?: unknown }) {
    super(formatMessage(issues, options?.source), { cause: options?.cause });
    this.name = 'PolicyValidationError';
    this.issues = issues;
    this.source = options?.source;
  }
}

/**
 * One issue as one line: `rule "production" (rules[1]): copyTo.region: unknown region "us-west-9"`,
 * prefixed with `file:line:column` when the position is known (editors make that clickable).
 */
export function formatPolicyIssue(issue: PolicyIssue, source?: string): string {
  const where = describeLocation(issue);
  const text = where === '' ? issue.message : `${where}: ${issue.message}`;
  if (issue.line === undefined) return source === undefined ? text : `${source}: ${text}`;
  const position = `${issue.line}:${issue.column ?? 1}`;
  return source === undefined ? `line ${position}: ${text}` : `${source}:${position}: ${text}`;
}

function formatMessage(issues: readonly PolicyIssue[], source: string | undefined): string {
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
  const header = `Invalid policy${source === undefined ? '' : ` ${source}`} (${count}):`;
  return [header, ...issues.map((issue) => `  ${formatPolicyIssue(issue)}`)].join('\n');
}

const RULE_PATH = /^(rules\[\d+\])(?:\.(.*)|(\[.*))?$/;

function describeLocation(issue: PolicyIssue): string {
  const ruleMatch = issue.rule === undefined ? null : RULE_PATH.exec(issue.path);
  if (ruleMatch === null) return issue.path;
  const [, rulePath, field, bracketField] = ruleMatch;
  const rest = field ?? bracketField ?? '';
  const ruleLabel = `rule "${issue.rule}" (${rulePath})`;
  return rest === '' ? ruleLabel : `${ruleLabel}: ${rest}`;
}
