import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import {
  type BatchFailure,
  type DeliverInBatchesOptions,
  deliverInBatches,
} from '../aws/deliverInBatches.js';
import { RequestOrigin } from '../domain/namespaceRef.js';
import { DetailType, EventSource } from '../events/constants.js';

/** PutEvents takes at most ten entries a call. */
export const PUT_EVENTS_BATCH_SIZE = 10;

/** A namespace to (re)apply the policy to, as ListNamespaces named it. */
export interface ProtectionRequest {
  readonly namespaceName: string;
  readonly account: string;
  readonly region: string;
  readonly namespaceArn: string;
}

export interface FailedProtectionRequest {
  readonly request: ProtectionRequest;
  /** The entry's ErrorCode, or the name of the error the whole call failed with. */
  readonly errorCode: string;
  readonly errorMessage: string;
}

export interface RequestProtectionResult {
  readonly requested: readonly ProtectionRequest[];
  readonly failed: readonly FailedProtectionRequest[];
}

export interface RequestProtectionOptions
  extends Pick<DeliverInBatchesOptions, 'maxAttempts' | 'retryDelayMs' | 'sleep'> {
  readonly client: EventBridgeClient;
  /** Bus name or ARN; `default` unless the stack listens on another. */
  readonly busName: string;
  /** Called after each batch with how many entries were accepted so far. */
  readonly onProgress?: (accepted: number, total: number) => void;
}

/**
 * Puts one `Snapshot Copy Requested` event (origin `sweep`) per namespace on the bus, where
 * the same rule as an operator's request routes it to the copy worker: ten entries a call.
 * PutEvents accepts a batch partly: entries it reports failed (FailedEntryCount; throttling,
 * internal errors) are retried with a growing delay, then returned as failed, never dropped.
 */
export async function requestProtection(
  requests: readonly ProtectionRequest[],
  options: RequestProtectionOptions,
): Promise<RequestProtectionResult> {
  const { delivered, failed } = await deliverInBatches(
    requests,
    PUT_EVENTS_BATCH_SIZE,
    (batch) => putBatch(batch, options),
    options,
  );
  return {
    requested: delivered,
    failed: failed.map(({ item, errorCode, errorMessage }) => ({ request: item, errorCode, errorMessage })),
  };
}

/** The event an operator could have put by hand, plus the origin and the ARN the sweep knows. */
export function toPutEventsEntry(request: ProtectionRequest, busName: string): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: EventSource.CopyAutopilot,
    DetailType: DetailType.SnapshotCopyRequested,
    Resources: [request.namespaceArn],
    Detail: JSON.stringify({
      namespaceName: request.namespaceName,
      region: request.region,
      account: request.account,
      origin: RequestOrigin.Sweep,
      namespaceArn: request.namespaceArn,
    }),
  };
}

async function putBatch(
  batch: readonly ProtectionRequest[],
  options: RequestProtectionOptions,
): Promise<BatchFailure<ProtectionRequest>[]> {
  const { Entries = [] } = await options.client.send(
    new PutEventsCommand({ Entries: batch.map((request) => toPutEventsEntry(request, options.busName)) }),
  );
  return batch.flatMap((request, index) => {
    const entry = Entries[index];
    if (entry?.EventId !== undefined && entry.ErrorCode === undefined) return [];
    return [
      {
        item: request,
        errorCode: entry?.ErrorCode ?? 'MissingEntryResult',
        errorMessage: entry?.ErrorMessage ?? 'PutEvents returned no event id for this entry',
      },
    ];
  });
}
