import { ListNamespacesCommand, type RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { InventoriedNamespace } from '../domain/compliance/evaluateCompliance.js';
import type { CopyConfiguration } from '../domain/copyConfiguration.js';
import { NAMESPACE_ARN_PATTERN } from '../domain/identifiers.js';
import { createConcurrencyLimiter } from './concurrencyLimiter.js';
import { RedshiftServerlessAdapter, UnexpectedResponseError } from './redshiftServerlessAdapter.js';
import { type PacingClock, TokenBucket } from './tokenBucket.js';

/** ListNamespaces' largest page. */
export const NAMESPACE_PAGE_SIZE = 100;

export interface NamespaceInventoryOptions {
  /** A client for the region to list. */
  readonly client: RedshiftServerlessClient;
  readonly region: string;
  /** Namespaces whose tags and copy configurations are read at the same time. */
  readonly concurrency: number;
  /** Redshift Serverless calls per second, all calls counted; absent = no pacing. */
  readonly ratePerSecond?: number;
  readonly pageSize?: number;
  readonly clock?: PacingClock;
}

/** A namespace the listing returned, before its details are read. */
export interface ListedNamespace {
  readonly name: string;
  readonly region: string;
  readonly arn?: string;
  readonly status?: string;
}

/** What the inventory reports, in the order things happen. */
export type InventoryEvent =
  /** A page of ListNamespaces arrived: `discovered` namespaces so far; `complete` after the last page. */
  | { readonly kind: 'listed'; readonly discovered: number; readonly complete: boolean }
  | {
      readonly kind: 'namespace';
      readonly namespace: InventoriedNamespace;
      readonly configurations: readonly CopyConfiguration[];
    }
  /** Deleted between the listing and the reading of its details: nothing to judge. */
  | { readonly kind: 'gone'; readonly namespace: ListedNamespace }
  /** Its details could not be read (access denied, retries exhausted…). */
  | { readonly kind: 'failed'; readonly namespace: ListedNamespace; readonly error: Error };

/**
 * Every namespace of a region with its tags and copy configurations. Details are read while
 * the listing pages on, `concurrency` namespaces at a time, every call paced by the rate limit;
 * events are yielded as they happen so a progress bar can move. A failed listing ends the
 * iteration with its error; a failure on one namespace is reported and the rest carry on.
 * Leaving the loop early stops reading further pages and details.
 */
export async function* inventoryNamespaces(
  options: NamespaceInventoryOptions,
): AsyncGenerator<InventoryEvent> {
  const channel = new EventChannel<InventoryEvent>();
  const limit = createConcurrencyLimiter(options.concurrency);
  const bucket =
    options.ratePerSecond === undefined
      ? undefined
      : new TokenBucket(options.ratePerSecond, options.clock === undefined ? {} : { clock: options.clock });
  const paced = async <T>(call: () => Promise<T>): Promise<T> => {
    await bucket?.take();
    return call();
  };
  let stopped = false;

  const readDetails = async (listed: ListedNamespace): Promise<void> => {
    if (stopped) return;
    channel.push(await describeNamespace(listed, options.client, paced));
  };

  const produce = async (): Promise<void> => {
    const details: Promise<void>[] = [];
    try {
      let discovered = 0;
      let nextToken: string | undefined;
      do {
        const page = await paced(() =>
          options.client.send(
            new ListNamespacesCommand({ maxResults: options.pageSize ?? NAMESPACE_PAGE_SIZE, nextToken }),
          ),
        );
        nextToken = page.nextToken === '' ? undefined : page.nextToken;
        const namespaces = page.namespaces ?? [];
        discovered += namespaces.length;
        channel.push({ kind: 'listed', discovered, complete: nextToken === undefined });
        for (const raw of namespaces) {
          if (raw.namespaceName === undefined) continue;
          const listed: ListedNamespace = {
            name: raw.namespaceName,
            region: options.region,
            ...(raw.namespaceArn === undefined ? {} : { arn: raw.namespaceArn }),
            ...(raw.status === undefined ? {} : { status: raw.status }),
          };
          details.push(limit(() => readDetails(listed)));
        }
      } while (nextToken !== undefined && !stopped);
      await Promise.all(details);
      channel.close();
    } catch (error) {
      // Let the details already under way finish before the iteration ends with the error.
      await Promise.allSettled(details);
      channel.fail(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const producing = produce();
  try {
    yield* channel;
  } finally {
    stopped = true;
    await producing;
  }
}

async function describeNamespace(
  listed: ListedNamespace,
  client: RedshiftServerlessClient,
  paced: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<InventoryEvent> {
  try {
    const parts = listed.arn === undefined ? undefined : NAMESPACE_ARN_PATTERN.exec(listed.arn);
    if (listed.arn === undefined || parts?.[3] === undefined) {
      throw new UnexpectedResponseError(
        'ListNamespaces',
        `namespace ${listed.name} has no valid ARN (${listed.arn ?? 'none'})`,
      );
    }
    const account = parts[3];
    const adapter = new RedshiftServerlessAdapter(client, { account, region: listed.region });
    const tags = await paced(() => adapter.listTags(listed.arn as string));
    if (tags === undefined) return { kind: 'gone', namespace: listed };
    const configurations = await paced(() => adapter.listCopyConfigurations(listed.name));
    return {
      kind: 'namespace',
      namespace: {
        name: listed.name,
        account,
        region: listed.region,
        arn: listed.arn,
        tags,
        ...(listed.status === undefined ? {} : { status: listed.status }),
      },
      configurations,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') {
      return { kind: 'gone', namespace: listed };
    }
    return {
      kind: 'failed',
      namespace: listed,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
}

/** An async-iterable queue: one producer pushes, one consumer iterates, an error ends it. */
class EventChannel<T> implements AsyncIterable<T> {
  readonly #buffer: T[] = [];
  #waiter?: () => void;
  #closed = false;
  #error?: Error;

  public push(value: T): void {
    this.#buffer.push(value);
    this.#wake();
  }

  public close(): void {
    this.#closed = true;
    this.#wake();
  }

  public fail(error: Error): void {
    this.#error = error;
    this.close();
  }

  public async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      const next = this.#buffer.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
    }
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }
}
