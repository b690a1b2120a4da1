import type { CrossFieldCheck, PolicyIssue } from './errors.js';
import { formatPolicyPath } from './formatPolicyPath.js';

/**
 * Records one issue at a location (keys and indexes from the document root). `check` names the
 * cross-field check that found it, for the checks the JSON Schema cannot express.
 */
export type ReportIssue = (
  segments: readonly (string | number)[],
  message: string,
  check?: CrossFieldCheck,
) => void;

/**
 * A reporter that appends to `issues`, tagging each with the rule it belongs to so the final
 * message can say `rule "production" (rules[1]): …` instead of a bare path.
 */
export function issueReporter(issues: PolicyIssue[], rule?: string): ReportIssue {
  return (segments, message, check) => {
    const issue: PolicyIssue = { path: formatPolicyPath(segments), message, segments: [...segments] };
    const tagged = check === undefined ? issue : { ...issue, check };
    issues.push(rule === undefined ? tagged : { rule, ...tagged });
  };
}

/** A reporter passing issues on to `report` that remembers whether it passed any on. */
export interface TrackingReporter {
  readonly report: ReportIssue;
  /** True until the first issue. */
  valid(): boolean;
}

export function trackingReporter(report: ReportIssue): TrackingReporter {
  let valid = true;
  return {
    report: (segments, message, check) => {
      valid = false;
      report(segments, message, check);
    },
    valid: () => valid,
  };
}
