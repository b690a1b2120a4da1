import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { ListedNamespace, NamespaceInventoryOptions } from '../aws/namespaceInventory.js';
import { isCompliant } from '../domain/compliance/evaluateCompliance.js';
import type { Policy } from '../domain/policy/types.js';
import { type AssessedNamespace, assessNamespaces } from './assessNamespaces.js';
import {
  type FailedProtectionRequest,
  type ProtectionRequest,
  type RequestProtectionOptions,
  requestProtection,
} from './requestProtection.js';
import { advanceProgress, INITIAL_PROGRESS, type SweepProgress } from './sweepProgress.js';

export interface SweepRegionOptions {
  readonly inventory: NamespaceInventoryOptions;
  readonly policy: Policy;
  readonly eventBridge: EventBridgeClient;
  readonly busName: string;
  /** Assess only; put nothing on the bus. */
  readonly dryRun?: boolean;
  readonly onProgress?: (progress: SweepProgress) => void;
  /**
   * Asked once the region is assessed, before anything is put on the bus, with the namespaces
   * about to be requested; false = request nothing. Absent = go ahead.
   */
  readonly confirm?: (nonCompliant: readonly AssessedNamespace[]) => Promise<boolean>;
  /** True when the caller wants to stop (Ctrl-C): no further namespace is read, nothing is put. */
  readonly shouldStop?: () => boolean;
  readonly requestOptions?: Pick<RequestProtectionOptions, 'maxAttempts' | 'retryDelayMs' | 'sleep'>;
}

export interface SweepSummary {
  readonly region: string;
  /** Namespaces judged against the policy. */
  readonly assessed: number;
  readonly nonCompliant: readonly AssessedNamespace[];
  /** Namespaces whose details could not be read; nothing can be said about them. */
  readonly unreadable: readonly { readonly namespace: ListedNamespace; readonly error: Error }[];
  /** Deleted while the sweep ran. */
  readonly gone: number;
  readonly requested: readonly ProtectionRequest[];
  readonly failed: readonly FailedProtectionRequest[];
  /** Why nothing was requested although some namespaces are non-compliant. */
  readonly notRequested?: 'dry-run' | 'declined' | 'stopped';
}

/**
 * One region, end to end: list and judge every namespace, then put a `Snapshot Copy Requested`
 * event for each non-compliant one. The copy worker does the rest (and reports the drift it
 * will not fix), so the sweep and a CloudTrail event lead to the same outcome.
 */
export async function sweepRegion(options: SweepRegionOptions): Promise<SweepSummary> {
  const nonCompliant: AssessedNamespace[] = [];
  const unreadable: { namespace: ListedNamespace; error: Error }[] = [];
  let assessed = 0;
  let gone = 0;
  let progress = INITIAL_PROGRESS;
  let stopped = false;
  for await (const event of assessNamespaces(options.inventory, options.policy)) {
    progress = advanceProgress(progress, event);
    if (event.kind === 'assessed') {
      assessed += 1;
      if (!isCompliant(event.compliance.verdict)) nonCompliant.push(event);
    } else if (event.kind === 'failed') unreadable.push({ namespace: event.namespace, error: event.error });
    else if (event.kind === 'gone') gone += 1;
    options.onProgress?.(progress);
    if (options.shouldStop?.() === true) {
      stopped = true;
      break;
    }
  }
  const base = { region: options.inventory.region, assessed, nonCompliant, unreadable, gone };
  const none = { requested: [], failed: [] };
  if (nonCompliant.length === 0) return { ...base, ...none };
  if (stopped) return { ...base, ...none, notRequested: 'stopped' };
  if (options.dryRun === true) return { ...base, ...none, notRequested: 'dry-run' };
  if (options.confirm !== undefined && !(await options.confirm(nonCompliant))) {
    return { ...base, ...none, notRequested: 'declined' };
  }
  const result = await requestProtection(nonCompliant.map(toProtectionRequest), {
    ...options.requestOptions,
    client: options.eventBridge,
    busName: options.busName,
  });
  return { ...base, ...result };
}

export function toProtectionRequest({ namespace }: AssessedNamespace): ProtectionRequest {
  return {
    namespaceName: namespace.name,
    account: namespace.account,
    region: namespace.region,
    namespaceArn: namespace.arn,
  };
}
