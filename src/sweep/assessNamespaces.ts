import {
  type InventoryEvent,
  inventoryRegion,
  type NamespaceSubject,
  type RegionInventoryOptions,
} from '../aws/regionInventory.js';
import {
  type ComplianceResult,
  evaluateCompliance,
  type InventoriedNamespace,
} from '../domain/compliance/evaluateCompliance.js';
import type { CopyConfiguration } from '../domain/copyConfiguration.js';
import { decisionDependsOnTags } from '../domain/policy/resolvePolicy.js';
import type { Policy } from '../domain/policy/types.js';

/** A namespace with what it has and the policy's verdict on it. */
export interface AssessedNamespace {
  readonly namespace: InventoriedNamespace;
  readonly configurations: readonly CopyConfiguration[];
  readonly compliance: ComplianceResult;
}

/** What a report says about a judged namespace: logs, tables and CSV rows start from this. */
export interface NamespaceVerdict {
  readonly namespace: string;
  readonly account: string;
  readonly region: string;
  readonly arn: string;
  readonly verdict: ComplianceResult['verdict'];
  readonly rule?: string;
  readonly detail: string;
}

export function verdictOf({ namespace, compliance }: AssessedNamespace): NamespaceVerdict {
  return {
    namespace: namespace.name,
    account: namespace.account,
    region: namespace.region,
    arn: namespace.arn,
    verdict: compliance.verdict,
    rule: compliance.rule,
    detail: compliance.detail,
  };
}

export type AssessmentEvent =
  | Exclude<InventoryEvent, { kind: 'namespace' }>
  | ({ readonly kind: 'assessed' } & AssessedNamespace);

/** The inventory of one (account, region), less what the policy decides: which tags to read. */
export type AssessmentInventory = Omit<RegionInventoryOptions, 'needsTags'>;

/**
 * The inventory of one (account, region), each namespace judged against the policy as it
 * arrives: what `status` shows and what the sweep acts on. Tags are read only for namespaces
 * whose decision depends on them.
 */
export async function* assessNamespaces(
  inventory: AssessmentInventory,
  policy: Policy,
): AsyncGenerator<AssessmentEvent> {
  const needsTags = (namespace: NamespaceSubject) => decisionDependsOnTags(policy, namespace);
  for await (const event of inventoryRegion({ ...inventory, needsTags })) {
    if (event.kind !== 'namespace') {
      yield event;
      continue;
    }
    const { namespace, configurations } = event;
    yield {
      kind: 'assessed',
      namespace,
      configurations,
      compliance: evaluateCompliance(namespace, configurations, policy),
    };
  }
}
