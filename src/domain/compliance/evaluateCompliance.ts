import { type CopyConfiguration, type CopySettings, describeRetention } from '../copyConfiguration.js';
import type { Tags } from '../namespaceRef.js';
import { type CopyConfigurationAction, DriftKind, planCopyConfiguration } from '../planCopyConfiguration.js';
import { resolvePolicy } from '../policy/resolvePolicy.js';
import type { Policy } from '../policy/types.js';

/** Where a namespace stands against the policy. */
export const ComplianceVerdict = {
  /** It has the copy configuration the policy wants (or one the rule says to keep). */
  Protected: 'protected',
  /** The policy wants a copy configuration and there is none. */
  Missing: 'missing',
  /** A copy configuration exists with other settings than the policy wants. */
  Drift: 'drift',
  /** A rule says `skip: true`, or the namespace is being deleted. */
  Skipped: 'skipped',
  /** No rule matches: the policy leaves the namespace alone. */
  Unmatched: 'unmatched',
  /** The matching rule cannot apply to this namespace (e.g. it copies to the namespace's own region). */
  Invalid: 'invalid',
} as const;
export type ComplianceVerdict = (typeof ComplianceVerdict)[keyof typeof ComplianceVerdict];

const COMPLIANT: ReadonlySet<ComplianceVerdict> = new Set([
  ComplianceVerdict.Protected,
  ComplianceVerdict.Skipped,
  ComplianceVerdict.Unmatched,
]);

/** True for the verdicts that need nothing done: protected, skipped and unmatched. */
export function isCompliant(verdict: ComplianceVerdict): boolean {
  return COMPLIANT.has(verdict);
}

/** A namespace as an inventory found it: where it lives, its ARN, its live tags. */
export interface InventoriedNamespace {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly arn: string;
  /**
   * Its live tags; absent when they were not read because the policy's decision for this
   * namespace does not depend on them (`decisionDependsOnTags`), which saves a call per namespace.
   */
  readonly tags?: Tags;
  /** AVAILABLE, MODIFYING, DELETING… as ListNamespaces reports it; absent when unknown. */
  readonly status?: string;
}

export interface ComplianceResult {
  readonly verdict: ComplianceVerdict;
  /** The rule that matched, if any. */
  readonly rule?: string;
  /** What the policy wants, for a copy rule. */
  readonly desired?: CopySettings;
  /** The configuration the verdict is about (or the namespace's first one), if it has any. */
  readonly existing?: CopyConfiguration;
  /** One sentence a person can act on. */
  readonly detail: string;
}

/**
 * Judges one namespace against the policy, the way the copy worker would decide for it:
 * the same resolvePolicy and the same planCopyConfiguration, so `status` never disagrees with
 * what a request would do. Pure.
 */
export function evaluateCompliance(
  namespace: InventoriedNamespace,
  configurations: readonly CopyConfiguration[],
  policy: Policy,
): ComplianceResult {
  /** The configuration a verdict without a plan is about: the namespace's first, if any. */
  const current = configurations[0];
  if (namespace.status === 'DELETING') {
    return {
      verdict: ComplianceVerdict.Skipped,
      existing: current,
      detail: 'the namespace is being deleted',
    };
  }
  // Unread tags cannot change the decision (that is why they were not read): none stands in.
  const decision = resolvePolicy(policy, { ...namespace, tags: namespace.tags ?? {} });
  switch (decision.kind) {
    case 'unmatched':
      return { verdict: ComplianceVerdict.Unmatched, existing: current, detail: 'no policy rule matches' };
    case 'skip':
      return {
        verdict: ComplianceVerdict.Skipped,
        rule: decision.rule.name,
        existing: current,
        detail: `rule "${decision.rule.name}" says skip`,
      };
    case 'invalid':
      return {
        verdict: ComplianceVerdict.Invalid,
        rule: decision.rule.name,
        desired: decision.rule.copyTo,
        existing: current,
        detail: decision.message,
      };
    case 'copy':
      break;
  }
  const { rule, desired } = decision;
  const action = planCopyConfiguration(configurations, { desired, onExisting: rule.onExisting });
  return { ...verdictOf(action), rule: rule.name, desired };
}

function verdictOf(
  action: CopyConfigurationAction,
): Pick<ComplianceResult, 'verdict' | 'existing' | 'detail'> {
  switch (action.kind) {
    case 'create':
      return {
        verdict: ComplianceVerdict.Missing,
        detail: `no copy configuration; wants ${describeCopy(action.desired)}`,
      };
    case 'none':
      return {
        verdict: ComplianceVerdict.Protected,
        existing: action.existing,
        detail: 'as the policy wants',
      };
    case 'keep':
      return {
        verdict: ComplianceVerdict.Protected,
        existing: action.existing,
        detail: `retention ${describeRetention(action.existing.retentionDays)} kept (onExisting: keep; policy says ${describeRetention(action.desired.retentionDays)})`,
      };
    case 'update-retention':
      return {
        verdict: ComplianceVerdict.Drift,
        existing: action.existing,
        detail: `retention ${describeRetention(action.existing.retentionDays)}, policy wants ${describeRetention(action.desired.retentionDays)}: a request updates it (onExisting: update)`,
      };
    case 'drift':
      return { verdict: ComplianceVerdict.Drift, existing: action.existing, detail: driftDetail(action) };
  }
}

function driftDetail(action: Extract<CopyConfigurationAction, { kind: 'drift' }>): string {
  const { existing, desired } = action;
  switch (action.drift) {
    case DriftKind.Region:
      return `copies to ${existing.region}, policy wants ${desired.region}: a namespace copies to one region, so a person must replace it`;
    case DriftKind.KmsKey:
      return `encrypted with ${existing.kmsKeyId ?? 'an AWS-owned key'}, policy wants ${desired.kmsKeyId ?? 'an AWS-owned key'}: the key of a copy configuration cannot change`;
    case DriftKind.Retention:
      return `retention ${describeRetention(existing.retentionDays)}, policy wants ${describeRetention(desired.retentionDays)} (onExisting: report)`;
  }
}

function describeCopy(copy: CopySettings): string {
  const key = copy.kmsKeyId === undefined ? '' : `, key ${copy.kmsKeyId}`;
  return `${copy.region}, ${describeRetention(copy.retentionDays)}${key}`;
}
