import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, NAMESPACE_GLOB_PATTERN } from '../identifiers.js';
import { describeValue, isMapping, reportUnknownKeys } from './documentShape.js';
import { type ReportIssue, trackingReporter } from './issueReporter.js';
import type { RuleMatch } from './types.js';
import { validateAccountList, validateRegionList } from './validateIdentifierLists.js';

const MATCH_KEYS = ['namespace', 'tags', 'accounts', 'sourceRegions'] as const;

/** What leaving a list out of `match` means. */
const ANY = 'to match any';

/**
 * Checks a rule's `match`. Returns the match only when it is entirely valid; `{}` is valid and
 * matches every namespace.
 */
export function validateRuleMatch(
  raw: unknown,
  at: readonly (string | number)[],
  report: ReportIssue,
): RuleMatch | undefined {
  if (raw === undefined) {
    report(at, 'required (write `match: {}` to match every namespace)');
    return undefined;
  }
  if (!isMapping(raw)) {
    report(at, `must be a mapping (write \`match: {}\` to match every namespace); got ${describeValue(raw)}`);
    return undefined;
  }
  const tracker = trackingReporter(report);
  const fail = tracker.report;
  reportUnknownKeys(raw, MATCH_KEYS, at, fail);

  const match: {
    namespace?: string;
    tags?: Readonly<Record<string, string>>;
    accounts?: readonly string[];
    sourceRegions?: readonly string[];
  } = {};
  if (raw.namespace !== undefined)
    match.namespace = validateNamespaceGlob(raw.namespace, [...at, 'namespace'], fail);
  if (raw.tags !== undefined) match.tags = validateTags(raw.tags, [...at, 'tags'], fail);
  if (raw.accounts !== undefined) {
    match.accounts = validateAccountList(raw.accounts, [...at, 'accounts'], ANY, fail);
  }
  if (raw.sourceRegions !== undefined) {
    match.sourceRegions = validateRegionList(raw.sourceRegions, [...at, 'sourceRegions'], ANY, fail);
  }
  return tracker.valid() ? Object.freeze(match) : undefined;
}

function validateNamespaceGlob(raw: unknown, at: readonly (string | number)[], report: ReportIssue) {
  if (typeof raw !== 'string' || raw === '') {
    report(at, `must be a namespace name or glob such as "prod-*"; got ${describeValue(raw)}`);
    return undefined;
  }
  // Anything else can never match a namespace name.
  if (!NAMESPACE_GLOB_PATTERN.test(raw)) {
    report(at, `"${raw}" can never match: namespace names use only a-z, 0-9 and "-" (a glob adds * and ?)`);
    return undefined;
  }
  return raw;
}

function validateTags(raw: unknown, at: readonly (string | number)[], report: ReportIssue) {
  if (!isMapping(raw)) {
    report(at, `must be a mapping of tag key to value ("*" = any value); got ${describeValue(raw)}`);
    return undefined;
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.length > MAX_TAG_KEY_LENGTH) {
      report([...at, key], `tag key is longer than ${MAX_TAG_KEY_LENGTH} characters`);
    } else if (typeof value !== 'string') {
      // YAML reads `tier: 1` or `enabled: true` as a number or a boolean; AWS tag values are
      // strings, and guessing the string back ("1.0"? "01"?) could silently never match.
      report([...at, key], `tag value must be a string; got ${describeValue(value)} (quote it in YAML)`);
    } else if (value.length > MAX_TAG_VALUE_LENGTH) {
      report([...at, key], `tag value is longer than ${MAX_TAG_VALUE_LENGTH} characters`);
    } else {
      tags[key] = value;
    }
  }
  return Object.freeze(tags);
}
