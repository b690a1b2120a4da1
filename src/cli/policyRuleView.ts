import {
  type CopyTarget,
  INDEFINITE_RETENTION,
  type PolicyRule,
  type RuleMatch,
} from '../domain/policy/types.js';

/** `namespace=prod-* tags={dr-tier=gold} sourceRegions=[us-east-1]`, or `(everything)` for `match: {}`. */
export function describeRuleMatch(match: RuleMatch): string {
  const parts: string[] = [];
  if (match.namespace !== undefined) parts.push(`namespace=${match.namespace}`);
  if (match.tags !== undefined) {
    const tags = Object.entries(match.tags).map(([key, value]) => `${key}=${value}`);
    parts.push(`tags={${tags.join(',')}}`);
  }
  if (match.accounts !== undefined) parts.push(`accounts=[${match.accounts.join(',')}]`);
  if (match.sourceRegions !== undefined) parts.push(`sourceRegions=[${match.sourceRegions.join(',')}]`);
  return parts.length === 0 ? '(everything)' : parts.join(' ');
}

/** `copy to us-west-2, 30 days, AWS-owned key` — the configuration a rule would create. */
export function describeCopyTarget(target: CopyTarget): string {
  return `copy to ${target.region}, ${describeRetention(target.retentionDays)}, ${target.kmsKeyId ?? 'AWS-owned key'}`;
}

export function describeRetention(retentionDays: number): string {
  if (retentionDays === INDEFINITE_RETENTION) return 'kept indefinitely';
  return retentionDays === 1 ? '1 day' : `${retentionDays} days`;
}

/** A rule as one table row: name, match, action, onExisting. */
export function ruleRow(rule: PolicyRule): Record<string, string> {
  return {
    name: rule.name,
    match: describeRuleMatch(rule.match),
    action: rule.skip === true ? 'skip' : describeCopyTarget(rule.copyTo),
    onExisting: rule.skip === true ? '-' : rule.onExisting,
  };
}
