import { type CopySettings, describeRetention } from '../domain/copyConfiguration.js';
import type { PolicyRule, PolicyScope, RuleMatch } from '../domain/policy/types.js';

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
export function describeCopySettings(copy: CopySettings): string {
  return `copy to ${copy.region}, ${describeRetention(copy.retentionDays)}, ${copy.kmsKeyId ?? 'AWS-owned key'}`;
}

/** A rule as one table row: name, match, action, onExisting, onDeleted. */
export function ruleRow(rule: PolicyRule): Record<string, string> {
  return {
    name: rule.name,
    match: describeRuleMatch(rule.match),
    action: rule.skip === true ? 'skip' : describeCopySettings(rule.copyTo),
    onExisting: rule.skip === true ? '-' : rule.onExisting,
    onDeleted: rule.skip === true ? '-' : rule.onDeleted,
  };
}

/**
 * `scope: accounts=[222222222222] (and this stack's own) regions=all-enabled role=copy-autopilot-member`,
 * or what no scope means.
 */
export function describeScope(scope: PolicyScope | undefined): string {
  if (scope === undefined) return 'scope: this stack’s own account, in the region it is deployed to';
  const { accounts, regions } = scope;
  const accountText =
    accounts.kind === 'organization'
      ? `organization${accounts.organizationalUnits === undefined ? '' : ` under [${accounts.organizationalUnits.join(',')}]`}`
      : `[${accounts.accountIds.join(',')}]`;
  const regionText =
    regions === undefined
      ? 'the stack’s own'
      : regions.kind === 'all-enabled'
        ? 'all-enabled'
        : `[${regions.regions.join(',')}]`;
  const role = scope.memberRoleName === undefined ? '' : ` memberRoleName=${scope.memberRoleName}`;
  return `scope: accounts=${accountText} (and this stack’s own) regions=${regionText}${role}`;
}
