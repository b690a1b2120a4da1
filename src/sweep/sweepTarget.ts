import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { ListedNamespace } from '../aws/regionInventory.js';
import { isCompliant } from '../domain/compliance/evaluateCompliance.js';
import type { Policy } from '../domain/policy/types.js';
import { type AssessedNamespace, type AssessmentInventory, assessNamespaces } from './assessNamespaces.js';
import {
  type FailedProtectionRequest,
  type ProtectionRequest,
  type RequestProtectionOptions,
  requestProtection,
} from './requestProtection.js';
import { advanceProgress, INITIAL_PROGRESS, type SweepProgress } from './sweepProgress.js';

export interface AssessTargetOptions {
  /** The (account, region) to look at: a client with that account's credentials, pacing. */
  readonly inventory: AssessmentInventory;
  readonly policy: Policy;
  readonly onProgress?: (progress: SweepProgress) => void;
  /** Every namespace as it is judged, compliant or not (what `status` lists). */
  readonly onAssessed?: (namespace: AssessedNamespace) => void;
  /** True when the caller wants to stop (Ctrl-C): no further namespace is read. */
  readonly shouldStop?: () => boolean;
}

/** A namespace whose tags could not be read: nothing can be said about it. */
export interface UnreadableNamespace {
  readonly namespace: ListedNamespace;
  readonly error: Error;
}

/** One (account, region) judged against the policy. */
export interface TargetAssessment {
  readonly region: string;
  /** Namespaces judged against the policy. */
  readonly assessed: number;
  readonly nonCompliant: readonly AssessedNamespace[];
  readonly unreadable: readonly UnreadableNamespace[];
  /** Deleted while the sweep ran. */
  readonly gone: number;
  /** `shouldStop` ended the assessment early: the counts cover part of the target. */
  readonly stopped: boolean;
}

export interface SweepTargetOptions extends AssessTargetOptions {
  readonly eventBridge: EventBridgeClient;
  readonly busName: string;
  /** Assess only; put nothing on the bus. */
  readonly dryRun?: boolean;
  readonly requestOptions?: Pick<RequestProtectionOptions, 'maxAttempts' | 'retryDelayMs' | 'sleep'>;
}

export interface SweepSummary extends TargetAssessment {
  readonly requested: readonly ProtectionRequest[];
  readonly failed: readonly FailedProtectionRequest[];
  /** Why nothing was requested although some namespaces are non-compliant. */
  readonly notRequested?: 'dry-run' | 'stopped';
}

/**
 * Lists and judges every namespace of one (account, region): the half of a sweep that only
 * reads. A failed listing (role not assumable, region not enabled, throttled past the SDK's
 * retries) rejects with its error; a namespace whose tags cannot be read is reported in
 * `unreadable` and the rest carry on.
 */
export async function assessTarget(options: AssessTargetOptions): Promise<TargetAssessment> {
  const nonCompliant: AssessedNamespace[] = [];
  const unreadable: UnreadableNamespace[] = [];
  let assessed = 0;
  let gone = 0;
  let progress = INITIAL_PROGRESS;
  let stopped = false;
  for await (const event of assessNamespaces(options.inventory, options.policy)) {
    progress = advanceProgress(progress, event);
    if (event.kind === 'assessed') {
      assessed += 1;
      options.onAssessed?.(event);
      if (!isCompliant(event.compliance.verdict)) nonCompliant.push(event);
    } else if (event.kind === 'failed') unreadable.push({ namespace: event.namespace, error: event.error });
    else if (event.kind === 'gone') gone += 1;
    options.onProgress?.(progress);
    if (options.shouldStop?.() === true) {
      stopped = true;
      break;
    }
  }
  return { region: options.inventory.region, assessed, nonCompliant, unreadable, gone, stopped };
}

/**
 * One (account, region), end to end: list and judge every namespace, then put a `Snapshot Copy
 * Requested` event for each non-compliant one on the bus. The copy worker does the rest (and
 * reports the drift it will not fix), so the sweep and a CloudTrail event lead to the same
 * outcome. The scheduled sweep worker and `copy-autopilot sweep` both come down to this.
 */
export async function sweepTarget(options: SweepTargetOptions): Promise<SweepSummary> {
  const assessment = await assessTarget(options);
  const none = { requested: [], failed: [] };
  if (assessment.nonCompliant.length === 0) return { ...assessment, ...none };
  if (assessment.stopped) return { ...assessment, ...none, notRequested: 'stopped' };
  if (options.dryRun === true) return { ...assessment, ...none, notRequested: 'dry-run' };
  const result = await requestProtection(assessment.nonCompliant.map(toProtectionRequest), {
    ...options.requestOptions,
    client: options.eventBridge,
    busName: options.busName,
  });
  return { ...assessment, ...result };
}

export function toProtectionRequest({ namespace }: AssessedNamespace): ProtectionRequest {
  return {
    namespaceName: namespace.name,
    account: namespace.account,
    region: namespace.region,
    namespaceArn: namespace.arn,
  };
}
