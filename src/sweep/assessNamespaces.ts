import {
  type InventoryEvent,
  inventoryNamespaces,
  type NamespaceInventoryOptions,
} from '../aws/namespaceInventory.js';
import {
  type ComplianceResult,
  evaluateCompliance,
  type InventoriedNamespace,
} from '../domain/compliance/evaluateCompliance.js';
import type { CopyConfiguration } from '../domain/copyConfiguration.js';
import type { Policy } from '../domain/policy/types.js';

/** A namespace with what it has and the policy's verdict on it. */
export interface AssessedNamespace {
  readonly namespace: InventoriedNamespace;
  readonly configurations: readonly CopyConfiguration[];
  readonly compliance: ComplianceResult;
}

export type AssessmentEvent =
  | Exclude<InventoryEvent, { kind: 'namespace' }>
  | ({ readonly kind: 'assessed' } & AssessedNamespace);

/**
 * The inventory of a region, each namespace judged against the policy as it arrives: what
 * `status` shows and what the sweep acts on.
 */
export async function* assessNamespaces(
  inventory: NamespaceInventoryOptions,
  policy: Policy,
): AsyncGenerator<AssessmentEvent> {
  for await (const event of inventoryNamespaces(inventory)) {
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
