import { partitionOf } from '../awsRegions.js';
import { CrossFieldCheck, type PolicyIssue } from './errors.js';
import { issueReporter } from './issueReporter.js';
import type { PolicyRule, PolicyScope } from './types.js';

/**
 * Cross-field checks between `scope.regions` (when it is a list) and the rules: a rule whose
 * source regions lie outside the scope describes namespaces the autopilot never sees, and a
 * destination in another partition than the scope's can never receive a copy. Judged on the
 * rules that are valid on their own; the others have been reported already.
 */
export function reportRulesOutsideScope(
  scope: PolicyScope,
  rules: readonly (PolicyRule | undefined)[],
  issues: PolicyIssue[],
): void {
  const regions = scope.regions;
  if (regions?.kind !== 'list') return;
  const [first] = regions.regions;
  if (first === undefined) return;
  const scopePartition = partitionOf(first);
  rules.forEach((rule, index) => {
    if (rule === undefined) return;
    const report = issueReporter(issues, rule.name);
    rule.match.sourceRegions?.forEach((region, position) => {
      if (regions.regions.includes(region)) return;
      report(
        ['rules', index, 'match', 'sourceRegions', position],
        `${region} is not in scope.regions: namespaces there are never managed, so this never matches (add it to scope.regions or remove it here)`,
        CrossFieldCheck.SourceRegionsInScope,
      );
    });
    if (rule.skip === true) return;
    const destinationPartition = partitionOf(rule.copyTo.region);
    if (destinationPartition !== scopePartition) {
      report(
        ['rules', index, 'copyTo', 'region'],
        `${rule.copyTo.region} (partition ${destinationPartition}) cannot receive copies from the scope’s regions (partition ${scopePartition}): snapshot copies stay inside their partition`,
        CrossFieldCheck.DestinationInScopePartition,
      );
    }
  });
}
