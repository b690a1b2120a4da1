/** One item a batch call did not accept, with the service's reason. */
export interface BatchFailure<T> {
  readonly item: T;
  /** The entry's error code, or the name of the error the whole call failed with. */
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** What happened to every item: accepted, or refused after the last attempt. */
export interface BatchDelivery<T> {
  readonly delivered: readonly T[];
  readonly failed: readonly BatchFailure<T>[];
}

/**
 * Sends one batch and returns the items the service refused (a partly accepted batch:
 * PutEvents' FailedEntryCount, SendMessageBatch's Failed). Throwing refuses the whole batch.
 */
export type SendBatch<T> = (batch: readonly T[]) => Promise<readonly BatchFailure<T>[]>;

export interface DeliverInBatchesOptions {
  /** Tries per item, the first included (default 3). */
  readonly maxAttempts?: number;
  /** Delay before the first retry, doubled after each (default 250 ms). */
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each batch with how many items were accepted so far. */
  readonly onProgress?: (delivered: number, total: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends `items` in batches of `batchSize`, one batch at a time. AWS batch APIs accept a batch
 * partly (throttling, internal errors on some entries): the refused items are sent again, alone,
 * with a growing delay, and returned as failed after the last attempt, never dropped silently.
 */
export async function deliverInBatches<T>(
  items: readonly T[],
  batchSize: number,
  send: SendBatch<T>,
  options: DeliverInBatchesOptions = {},
): Promise<BatchDelivery<T>> {
  const delivered: T[] = [];
  const failed: BatchFailure<T>[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    const outcome = await deliverBatch(items.slice(start, start + batchSize), send, options);
    delivered.push(...outcome.delivered);
    failed.push(...outcome.failed);
    options.onProgress?.(delivered.length, items.length);
  }
  return { delivered, failed };
}

async function deliverBatch<T>(
  batch: readonly T[],
  send: SendBatch<T>,
  options: DeliverInBatchesOptions,
): Promise<BatchDelivery<T>> {
  const maxAttempts = options.maxAttempts ?? 3;
  const sleep = options.sleep ?? realSleep;
  const delivered: T[] = [];
  let refused: readonly BatchFailure<T>[] = [];
  let remaining = batch;
  for (let attempt = 1; remaining.length > 0 && attempt <= maxAttempts; attempt += 1) {
    if (attempt > 1) await sleep((options.retryDelayMs ?? 250) * 2 ** (attempt - 2));
    try {
      refused = await send(remaining);
    } catch (error) {
      const errorCode = error instanceof Error ? error.name : 'Error';
      const errorMessage = error instanceof Error ? error.message : String(error);
      refused = remaining.map((item) => ({ item, errorCode, errorMessage }));
    }
    const retried = new Set(refused.map((failure) => failure.item));
    delivered.push(...remaining.filter((item) => !retried.has(item)));
    remaining = refused.map((failure) => failure.item);
  }
  return { delivered, failed: refused };
}
