import { describeValue, isMapping, reportUnknownKeys } from './documentShape.js';
import { CrossFieldCheck, type PolicyIssue, PolicyValidationError } from './errors.js';
import { issueReporter } from './issueReporter.js';
import type { Policy, PolicyRule, PolicyScope } from './types.js';
import { ruleLabel, validatePolicyRule } from './validatePolicyRule.js';
import { validatePolicyScope } from './validatePolicyScope.js';
import { reportRulesOutsideScope } from './validateRulesInScope.js';

const POLICY_KEYS = ['version', 'scope', 'rules'] as const;
const SUPPORTED_VERSION = 1;

/**
 * The one policy validator: the build, the Lambda's cold start and the CLI all call it, so a
 * policy that passes `policy check` is exactly a policy the worker accepts.
 *
 * @param document - the policy as plain data (what a YAML or JSON parser returns)
 * @returns the typed, frozen policy, defaults filled in (retention indefinite, onExisting report,
 *   onDeleted restore, no scope.accounts = an empty list)
 * @throws PolicyValidationError listing every issue found, each naming its rule and field
 */
export function validatePolicy(document: unknown): Policy {
  const issues: PolicyIssue[] = [];
  const policy = checkPolicy(document, issues);
  if (policy === undefined || issues.length > 0) throw new PolicyValidationError(issues.sort(byRuleIndex));
  return policy;
}

/** Document-level issues first, then rule by rule in file order (checks run per kind, not per rule). */
function byRuleIndex(a: PolicyIssue, b: PolicyIssue): number {
  return ruleIndexOf(a) - ruleIndexOf(b);
}

function ruleIndexOf(issue: PolicyIssue): number {
  const [first, second] = issue.segments ?? [];
  return first === 'rules' && typeof second === 'number' ? second : -1;
}

function checkPolicy(document: unknown, issues: PolicyIssue[]): Policy | undefined {
  const report = issueReporter(issues);
  if (!isMapping(document)) {
    report([], `a policy is a mapping with \`version: 1\` and \`rules:\`; got ${describeValue(document)}`);
    return undefined;
  }
  reportUnknownKeys(document, POLICY_KEYS, [], report);

  if (document.version === undefined) {
    report(['version'], `required: write \`version: ${SUPPORTED_VERSION}\``);
  } else if (document.version !== SUPPORTED_VERSION) {
    report(
      ['version'],
      `unsupported version ${describeValue(document.version)} (this release reads version 1)`,
    );
  }

  const scope = document.scope === undefined ? undefined : validatePolicyScope(document.scope, report);
  const scopeValid = document.scope === undefined || scope !== undefined;

  if (document.rules === undefined) {
    report(['rules'], 'required: a list of rules, first match wins');
    return undefined;
  }
  if (!Array.isArray(document.rules)) {
    report(['rules'], `must be a list of rules; got ${describeValue(document.rules)}`);
    return undefined;
  }

  const rawRules: readonly unknown[] = document.rules;
  const rules = rawRules.map((raw, index) =>
    validatePolicyRule(raw, index, issueReporter(issues, ruleLabel(raw))),
  );
  reportDuplicateNames(rawRules, issues);
  reportUnreachableRules(rawRules, issues);

  const validRules = rules.filter((rule): rule is PolicyRule => rule !== undefined);
  if (scope !== undefined) reportRulesOutsideScope(scope, rules, issues);
  if (validRules.length !== rules.length || !scopeValid) return undefined;
  return freezePolicy(scope, validRules);
}

function freezePolicy(scope: PolicyScope | undefined, rules: PolicyRule[]): Policy {
  const rulesList = Object.freeze(rules);
  return Object.freeze(
    scope === undefined
      ? { version: SUPPORTED_VERSION, rules: rulesList }
      : { version: SUPPORTED_VERSION, scope, rules: rulesList },
  );
}

/** Names key logs, metrics and dead-letter attributes: two rules with one name would be indistinguishable. */
function reportDuplicateNames(rawRules: readonly unknown[], issues: PolicyIssue[]): void {
  const firstIndex = new Map<string, number>();
  rawRules.forEach((raw, index) => {
    const name = ruleLabel(raw);
    if (name === undefined) return;
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else {
      issueReporter(issues, name)(
        ['rules', index, 'name'],
        `duplicate rule name (also rules[${first}])`,
        CrossFieldCheck.UniqueRuleNames,
      );
    }
  });
}

/**
 * Rules after a match-everything rule can never be reached (first match wins): almost surely a
 * catch-all put first by mistake. Judged on the raw `match`, so a catch-all with an error
 * elsewhere in its rule still explains why the rules after it would never run.
 */
function reportUnreachableRules(rawRules: readonly unknown[], issues: PolicyIssue[]): void {
  const catchAll = rawRules.findIndex(
    (raw) => isMapping(raw) && isMapping(raw.match) && Object.keys(raw.match).length === 0,
  );
  if (catchAll === -1) return;
  const catchAllLabel = describeRule(rawRules[catchAll], catchAll);
  for (let index = catchAll + 1; index < rawRules.length; index += 1) {
    issueReporter(issues, ruleLabel(rawRules[index]))(
      ['rules', index],
      `unreachable: ${catchAllLabel} before it matches every namespace (first match wins)`,
      CrossFieldCheck.ReachableRules,
    );
  }
}

function describeRule(raw: unknown, index: number): string {
  const name = ruleLabel(raw);
  return name === undefined ? `rules[${index}]` : `rule "${name}" (rules[${index}])`;
}
