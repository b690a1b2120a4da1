import { partitionOf } from '../awsRegions.js';
import { matchGlob } from './matchGlob.js';
import type { CopyRule, Policy, PolicyDecision, RuleMatch } from './types.js';

/** What the policy looks at to decide for one namespace. */
export interface PolicySubject {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** A tag value in a match that accepts any value, as long as the tag is present. */
export const ANY_TAG_VALUE = '*';

/**
 * Decides what the policy wants for one namespace: the first rule whose every condition holds
 * wins. Pure; the caller reads tags and carries the decision out.
 */
export function resolvePolicy(policy: Policy, subject: PolicySubject): PolicyDecision {
  const rule = policy.rules.find((candidate) => ruleMatches(candidate.match, subject));
  if (rule === undefined) return { kind: 'unmatched' };
  if (rule.skip === true) return { kind: 'skip', rule };
  const problem = targetProblem(rule, subject);
  if (problem !== undefined) return { kind: 'invalid', rule, message: problem };
  return { kind: 'copy', rule, desired: rule.copyTo };
}

/**
 * Whether the namespace's tags can change the decision: true when, walking the rules in order,
 * a rule with a tag condition is reached before the first rule that matches on everything else.
 * Lets the worker skip reading tags (one API call) for namespaces whose rule ignores them.
 */
export function decisionDependsOnTags(policy: Policy, subject: Omit<PolicySubject, 'tags'>): boolean {
  for (const rule of policy.rules) {
    if (!matchesWithoutTags(rule.match, subject)) continue;
    return rule.match.tags !== undefined && Object.keys(rule.match.tags).length > 0;
  }
  return false;
}

function matchesWithoutTags(match: RuleMatch, subject: Omit<PolicySubject, 'tags'>): boolean {
  if (match.namespace !== undefined && !matchGlob(match.namespace, subject.name)) return false;
  if (match.accounts !== undefined && !match.accounts.includes(subject.account)) return false;
  if (match.sourceRegions !== undefined && !match.sourceRegions.includes(subject.region)) return false;
  return true;
}

function ruleMatches(match: RuleMatch, subject: PolicySubject): boolean {
  if (!matchesWithoutTags(match, subject)) return false;
  if (match.tags !== undefined) {
    for (const [key, wanted] of Object.entries(match.tags)) {
      if (!Object.hasOwn(subject.tags, key)) return false;
      if (wanted !== ANY_TAG_VALUE && subject.tags[key] !== wanted) return false;
    }
  }
  return true;
}

/**
 * The validator rejects these when `sourceRegions` says where namespaces come from; a rule
 * without that restriction can still meet a namespace in its own destination region. AWS would
 * answer with a ValidationException; saying why, with the rule's name, is more useful.
 */
function targetProblem(rule: CopyRule, subject: PolicySubject): string | undefined {
  const destination = rule.copyTo.region;
  if (destination === subject.region) {
    return `rule "${rule.name}" copies to ${destination}, the region namespace "${subject.name}" is in (a snapshot cannot be copied to its own region): add a rule with sourceRegions: [${destination}] before it`;
  }
  const sourcePartition = partitionOf(subject.region);
  const destinationPartition = partitionOf(destination);
  if (sourcePartition !== undefined && sourcePartition !== destinationPartition) {
    return `rule "${rule.name}" copies to ${destination} (partition ${destinationPartition}), but namespace "${subject.name}" is in ${subject.region} (partition ${sourcePartition}): snapshot copies stay inside their partition`;
  }
  return undefined;
}
