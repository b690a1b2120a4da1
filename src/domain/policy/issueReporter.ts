import type { PolicyIssue } from './errors.js';
import { formatPolicyPath } from './formatPolicyPath.js';

/** Records one issue at a location (keys and indexes from the document root). */
export type ReportIssue = (segments: readonly (string | number)[], message: string) => void;

/**
 * A reporter that appends to `issues`, tagging each with the rule it belongs to so the final
 * message can say `rule "production" (rules[1]): …` instead of a bare path.
 */
export function issueReporter(issues: PolicyIssue[], rule?: string): ReportIssue {
  return (segments, message) => {
    const issue: PolicyIssue = { path: formatPolicyPath(segments), message, segments: [...segments] };
    issues.push(rule === undefined ? issue : { rule, ...issue });
  };
}
