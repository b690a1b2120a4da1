import { ListNamespacesCommand, type RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { InventoriedNamespace } from '../domain/compliance/evaluateCompliance.js';
import type { CopyConfiguration } from '../domain/copyConfiguration.js';
import { parseNamespaceArn } from '../domain/identifiers.js';
import type { Tags } from '../domain/namespaceRef.js';
import { type ConcurrencyLimiter, createConcurrencyLimiter } from './concurrencyLimiter.js';
import { EventChannel } from './eventChannel.js';
import {
  MAX_PAGE_SIZE,
  RedshiftServerlessAdapter,
  UnexpectedResponseError,
} from './redshiftServerlessAdapter.js';
import { type PacingClock, TokenBucket } from './tokenBucket.js';

/** What decides whether a namespace's tags must be read: where it lives and its name. */
export interface NamespaceSubject {
  readonly name: string;
  readonly account: string;
  readonly region: string;
}

export interface RegionInventoryOptions {
  /** A client for the (account, region) to list, with that account's credentials. */
  readonly client: RedshiftServerlessClient;
  readonly region: string;
  /**
   * True for a namespace whose tags must be read (one ListTagsForResource each): the policy's
   * decision for it depends on them (`decisionDependsOnTags`). The others cost no call of their own.
   */
  readonly needsTags: (namespace: NamespaceSubject) => boolean;
  /** Tag reads in flight at once. */
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
      /** `tags` is set exactly when `needsTags` said so. */
      readonly namespace: InventoriedNamespace;
      readonly configurations: readonly CopyConfiguration[];
    }
  /** Deleted between the listing and the reading of its tags: nothing to judge. */
  | { readonly kind: 'gone'; readonly namespace: ListedNamespace }
  /** Its tags could not be read (access denied, retries exhausted…), or its ARN is unusable. */
  | { readonly kind: 'failed'; readonly namespace: ListedNamespace; readonly error: Error };

type Paced = <T>(call: () => Promise<T>) => Promise<T>;
/** A namespace's live tags, paced; undefined when it is gone. */
type ReadTags = (arn: string) => Promise<Tags | undefined>;

/**
 * Every namespace of one (account, region) with its copy configurations, and its tags where
 * the policy needs them. The region's copy configurations are listed once, unfiltered, 100 a
 * page (ListSnapshotCopyConfigurations without namespaceName) while ListNamespaces pages on, so
 * a region of N namespaces costs about N/50 calls when no tag is needed, and one
 * ListTagsForResource more per namespace whose rule looks at tags. Events are yielded as they
 * happen so a progress bar can move. A failed listing ends the iteration with its error; a
 * failure on one namespace's tags is reported and the rest carry on. Leaving the loop early
 * stops reading further pages and tags.
 */
export async function* inventoryRegion(options: RegionInventoryOptions): AsyncGenerator<InventoryEvent> {
  const channel = new EventChannel<InventoryEvent>();
  const limit = createConcurrencyLimiter(options.concurrency);
  const bucket =
    options.ratePerSecond === undefined
      ? undefined
      : new TokenBucket(options.ratePerSecond, { clock: options.clock });
  const paced: Paced = async (call) => {
    await bucket?.take();
    return call();
  };
  const state = { stopped: false };
  const producing = produce(options, { channel, limit, paced, state });
  try {
    yield* channel;
  } finally {
    state.stopped = true;
    await producing;
  }
}

interface Producer {
  readonly channel: EventChannel<InventoryEvent>;
  readonly limit: ConcurrencyLimiter;
  readonly paced: Paced;
  readonly state: { stopped: boolean };
}

async function produce(options: RegionInventoryOptions, producer: Producer): Promise<void> {
  const { channel, limit, paced, state } = producer;
  // One adapter for the region's listing and its tag reads. Its location only names namespaces
  // found by ARN, which this listing never does.
  const adapter = new RedshiftServerlessAdapter(options.client, { account: '', region: options.region });
  const readTags: ReadTags = (arn) => paced(() => adapter.listTags(arn));
  const configurations = listRegionConfigurations(adapter, paced, state);
  // Awaited below; until then a rejection must not count as unhandled.
  configurations.catch(() => undefined);
  const details: Promise<void>[] = [];
  const describe = async (listed: ListedNamespace): Promise<void> => {
    const byNamespace = await configurations;
    if (state.stopped) return;
    channel.push(await describeNamespace(listed, byNamespace.get(listed.name) ?? [], options, readTags));
  };
  try {
    let discovered = 0;
    let nextToken: string | undefined;
    do {
      const page = await paced(() =>
        options.client.send(
          new ListNamespacesCommand({ maxResults: options.pageSize ?? MAX_PAGE_SIZE, nextToken }),
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
          arn: raw.namespaceArn,
          status: raw.status,
        };
        details.push(limit(() => describe(listed)));
      }
    } while (nextToken !== undefined && !state.stopped);
    await configurations;
    await Promise.all(details);
    channel.close();
  } catch (error) {
    // Let the tag reads already under way finish before the iteration ends with the error.
    await Promise.allSettled(details);
    channel.fail(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The region's copy configurations by namespace name: every page of the unfiltered listing. */
async function listRegionConfigurations(
  adapter: RedshiftServerlessAdapter,
  paced: Paced,
  state: { readonly stopped: boolean },
): Promise<Map<string, CopyConfiguration[]>> {
  const byNamespace = new Map<string, CopyConfiguration[]>();
  let nextToken: string | undefined;
  do {
    const page = await paced(() => adapter.listCopyConfigurationsPage({ nextToken }));
    for (const configuration of page.configurations) {
      const list = byNamespace.get(configuration.namespaceName);
      if (list === undefined) byNamespace.set(configuration.namespaceName, [configuration]);
      else list.push(configuration);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && !state.stopped);
  return byNamespace;
}

async function describeNamespace(
  listed: ListedNamespace,
  configurations: readonly CopyConfiguration[],
  options: RegionInventoryOptions,
  readTags: ReadTags,
): Promise<InventoryEvent> {
  try {
    const account = listed.arn === undefined ? undefined : parseNamespaceArn(listed.arn)?.account;
    if (listed.arn === undefined || account === undefined) {
      throw new UnexpectedResponseError(
        'ListNamespaces',
        `namespace ${listed.name} has no valid ARN (${listed.arn ?? 'none'})`,
      );
    }
    const namespace = {
      name: listed.name,
      account,
      region: listed.region,
      arn: listed.arn,
      status: listed.status,
    };
    if (!options.needsTags(namespace)) return { kind: 'namespace', namespace, configurations };
    const tags = await readTags(namespace.arn);
    if (tags === undefined) return { kind: 'gone', namespace: listed };
    return { kind: 'namespace', namespace: { ...namespace, tags }, configurations };
  } catch (error) {
    return {
      kind: 'failed',
      namespace: listed,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
}
