import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
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

export interface RequestProtectionOptions {
  readonly client: EventBridgeClient;
  /** Bus name or ARN; `default` unless the stack listens on another. */
  readonly busName: string;
  /** Tries per entry, the first included (default 3). */
  readonly maxAttempts?: number;
  /** Delay before the first retry, doubled after each (default 250 ms). */
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each batch with how many entries were accepted so far. */
  readonly onProgress?: (accepted: number, total: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Puts one `Snapshot Copy Requested` event (origin `sweep`) per namespace on the bus, where
 * the same rule as an operator's request routes it to the copy worker. PutEvents accepts a
 * batch partly: entries it reports failed (FailedEntryCount; throttling, internal errors) are
 * retried with a growing delay, then returned as failed, never dropped silently.
 */
export async function requestProtection(
  requests: readonly ProtectionRequest[],
  options: RequestProtectionOptions,
): Promise<RequestProtectionResult> {
  const requested: ProtectionRequest[] = [];
  const failed: FailedProtectionRequest[] = [];
  for (let start = 0; start < requests.length; start += PUT_EVENTS_BATCH_SIZE) {
    const batch = requests.slice(start, start + PUT_EVENTS_BATCH_SIZE);
    const outcome = await putBatch(batch, options);
    requested.push(...outcome.requested);
    failed.push(...outcome.failed);
    options.onProgress?.(requested.length, requests.length);
  }
  return { requested, failed };
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
): Promise<RequestProtectionResult> {
  const maxAttempts = options.maxAttempts ?? 3;
  const sleep = options.sleep ?? realSleep;
  const requested: ProtectionRequest[] = [];
  let pending: FailedProtectionRequest[] = [];
  let remaining = batch;
  for (let attempt = 1; remaining.length > 0 && attempt <= maxAttempts; attempt += 1) {
    if (attempt > 1) await sleep((options.retryDelayMs ?? 250) * 2 ** (attempt - 2));
    pending = [];
    try {
      const { Entries = [] } = await options.client.send(
        new PutEventsCommand({
          Entries: remaining.map((request) => toPutEventsEntry(request, options.busName)),
        }),
      );
      remaining.forEach((request, index) => {
        const entry = Entries[index];
        if (entry?.EventId !== undefined && entry.ErrorCode === undefined) requested.push(request);
        else
          pending.push({
            request,
            errorCode: entry?.ErrorCode ?? 'MissingEntryResult',
            errorMessage: entry?.ErrorMessage ?? 'PutEvents returned no event id for this entry',
          });
      });
    } catch (error) {
      const errorCode = error instanceof Error ? error.name : 'Error';
      const errorMessage = error instanceof Error ? error.message : String(error);
      pending = remaining.map((request) => ({ request, errorCode, errorMessage }));
    }
    remaining = pending.map((failure) => failure.request);
  }
  return { requested, failed: pending };
}
