import { CopyAutopilotError } from '../errors.js';

/**
 * The validator's checks that relate one field to another, which the policy's JSON Schema
 * (schema/copy-policy.schema.json) cannot express: a policy may pass the schema and still fail
 * one of these. The schema's top-level description lists the same ids (a test keeps them equal).
 */
export const CrossFieldCheck = {
  /** Rule names are unique (they key logs, metrics and dead-letter attributes). */
  UniqueRuleNames: 'unique-rule-names',
  /** No rule comes after a `match: {}` rule (first match wins: it could never run). */
  ReachableRules: 'reachable-rules',
  /** copyTo.region is not one of the rule's match.sourceRegions, and in their partition. */
  DestinationNotSource: 'destination-not-source',
  /** A KMS key or alias ARN in copyTo.kmsKeyId is in copyTo.region, and its region in its partition. */
  KmsKeyInDestination: 'kms-key-in-destination',
  /** Every match.sourceRegions entry is in scope.regions, when that is a list. */
  SourceRegionsInScope: 'source-regions-in-scope',
  /** copyTo.region is in the partition of scope.regions, when that is a list. */
  DestinationInScopePartition: 'destination-in-scope-partition',
} as const;
export type CrossFieldCheck = (typeof CrossFieldCheck)[keyof typeof CrossFieldCheck];

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
  /** Set when a cross-field check found the issue (one the JSON Schema cannot express). */
  readonly check?: CrossFieldCheck;
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
