import {
  ListNamespacesCommand,
  ListSnapshotCopyConfigurationsCommand,
  ListTagsForResourceCommand,
  type Namespace,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { type InventoryEvent, inventoryRegion } from '../../../src/aws/regionInventory.js';
import { namespaceArnOf, redshiftCallCounts, stubRegion } from '../../fixtures/pagedRedshiftServerless.js';

const redshift = mockClient(RedshiftServerlessClient);
const client = new RedshiftServerlessClient({ region: 'us-east-1' });

const listed = (...names: string[]): Namespace[] =>
  names.map((name) => ({
    namespaceName: name,
    namespaceArn: namespaceArnOf(name),
    status: 'AVAILABLE' as const,
  }));
const awsError = (name: string) => Object.assign(new Error(name), { name });
const noTags = () => false;
const allTags = () => true;

async function collect(events: AsyncIterable<InventoryEvent>): Promise<InventoryEvent[]> {
  const all: InventoryEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

function namespaceEvents(events: readonly InventoryEvent[]) {
  return events.flatMap((event) => (event.kind === 'namespace' ? [event] : []));
}

afterEach(() => {
  redshift.reset();
});

describe('Function: inventoryRegion', () => {
  it('lists the namespaces and the region’s copy configurations page by page, and reads no tag the policy does not need', async () => {
    // Prepare
    const names = Array.from({ length: 250 }, (_, index) => `ns-${String(index).padStart(3, '0')}`);
    stubRegion(redshift, {
      namespaces: names,
      copies: Object.fromEntries(
        names.slice(0, 120).map((name) => [name, { region: 'us-west-2', retentionDays: 7 }]),
      ),
    });

    // Act
    const events = await collect(
      inventoryRegion({ client, region: 'us-east-1', concurrency: 4, needsTags: noTags }),
    );

    // Assess
    expect(redshift.commandCalls(ListNamespacesCommand).map((call) => call.args[0].input)).toEqual([
      { maxResults: 100, nextToken: undefined },
      { maxResults: 100, nextToken: '100' },
      { maxResults: 100, nextToken: '200' },
    ]);
    expect(
      redshift.commandCalls(ListSnapshotCopyConfigurationsCommand).map((call) => call.args[0].input),
    ).toEqual([
      { namespaceName: undefined, maxResults: 100, nextToken: undefined },
      { namespaceName: undefined, maxResults: 100, nextToken: '100' },
    ]);
    expect(redshiftCallCounts(redshift)).toEqual({ ListNamespaces: 3, ListSnapshotCopyConfigurations: 2 });
    const namespaces = namespaceEvents(events);
    expect(namespaces).toHaveLength(250);
    const first = namespaces.find((event) => event.namespace.name === 'ns-000');
    expect(first?.namespace).toEqual({
      name: 'ns-000',
      account: '111111111111',
      region: 'us-east-1',
      arn: namespaceArnOf('ns-000'),
      status: 'AVAILABLE',
    });
    expect(first?.configurations).toEqual([
      expect.objectContaining({
        id: 'ns-000-copy',
        namespaceName: 'ns-000',
        region: 'us-west-2',
        retentionDays: 7,
      }),
    ]);
    expect(namespaces.find((event) => event.namespace.name === 'ns-200')?.configurations).toEqual([]);
    expect(events.filter((event) => event.kind === 'listed').at(-1)).toEqual({
      kind: 'listed',
      discovered: 250,
      complete: true,
    });
  });

  it('reads the tags of exactly the namespaces whose decision depends on them', async () => {
    // Prepare
    stubRegion(redshift, {
      namespaces: ['prod-a', 'prod-b', 'dev-a'],
      tags: { 'prod-a': { 'dr-tier': 'gold' }, 'prod-b': {} },
    });

    // Act
    const events = await collect(
      inventoryRegion({
        client,
        region: 'us-east-1',
        concurrency: 2,
        needsTags: (namespace) => namespace.name.startsWith('prod-'),
      }),
    );

    // Assess
    expect(
      redshift
        .commandCalls(ListTagsForResourceCommand)
        .map((call) => call.args[0].input.resourceArn)
        .sort(),
    ).toEqual([namespaceArnOf('prod-a'), namespaceArnOf('prod-b')]);
    const tagsByName = Object.fromEntries(
      namespaceEvents(events).map((event) => [event.namespace.name, event.namespace.tags]),
    );
    expect(tagsByName).toEqual({ 'prod-a': { 'dr-tier': 'gold' }, 'prod-b': {}, 'dev-a': undefined });
  });

  it('reports a namespace deleted meanwhile as gone, one whose tags it cannot read as failed, and carries on', async () => {
    // Prepare
    redshift.on(ListNamespacesCommand).resolves({
      namespaces: [...listed('deleted', 'denied', 'fine'), { namespaceName: 'no-arn', status: 'AVAILABLE' }],
    });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });
    // aws-sdk-client-mock: the general stub first, the input-specific ones after it.
    redshift.on(ListTagsForResourceCommand).resolves({ tags: [] });
    redshift
      .on(ListTagsForResourceCommand, { resourceArn: namespaceArnOf('deleted') })
      .rejects(awsError('ResourceNotFoundException'));
    redshift
      .on(ListTagsForResourceCommand, { resourceArn: namespaceArnOf('denied') })
      .rejects(awsError('AccessDeniedException'));

    // Act
    const events = await collect(
      inventoryRegion({ client, region: 'us-east-1', concurrency: 3, needsTags: allTags }),
    );

    // Assess
    const byName = Object.fromEntries(
      events.flatMap((event) => (event.kind === 'listed' ? [] : [[event.namespace.name, event.kind]])),
    );
    expect(byName).toEqual({ deleted: 'gone', denied: 'failed', fine: 'namespace', 'no-arn': 'failed' });
    const failed = events.find((event) => event.kind === 'failed' && event.namespace.name === 'denied');
    expect(failed?.kind === 'failed' && failed.error.name).toBe('AccessDeniedException');
  });

  it('ends with the namespace listing’s error after reporting what the pages before it held', async () => {
    // Prepare
    redshift
      .on(ListNamespacesCommand)
      .resolvesOnce({ namespaces: listed('a'), nextToken: 'page-2' })
      .rejects(awsError('ValidationException'));
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });
    const seen: InventoryEvent[] = [];

    // Act
    const run = (async () => {
      for await (const event of inventoryRegion({
        client,
        region: 'us-east-1',
        concurrency: 1,
        needsTags: noTags,
      }))
        seen.push(event);
    })();

    // Assess
    await expect(run).rejects.toThrow('ValidationException');
    expect(seen.map((event) => event.kind)).toEqual(['listed', 'namespace']);
  });

  it('ends with the configuration listing’s error: no namespace is judged without its configurations', async () => {
    // Prepare
    redshift.on(ListNamespacesCommand).resolves({ namespaces: listed('a', 'b') });
    redshift.on(ListSnapshotCopyConfigurationsCommand).rejects(awsError('AccessDenied'));
    const seen: InventoryEvent[] = [];

    // Act
    const run = (async () => {
      for await (const event of inventoryRegion({
        client,
        region: 'us-east-1',
        concurrency: 2,
        needsTags: noTags,
      }))
        seen.push(event);
    })();

    // Assess: STS's AccessDenied, as a member role that cannot be assumed fails the first call
    await expect(run).rejects.toThrow('AccessDenied');
    expect(seen.filter((event) => event.kind === 'namespace')).toEqual([]);
  });

  it('never reads more tags at once than the concurrency', async () => {
    // Prepare
    const names = Array.from({ length: 12 }, (_, index) => `ns-${index}`);
    redshift.on(ListNamespacesCommand).resolves({ namespaces: listed(...names) });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });
    let inFlight = 0;
    let peak = 0;
    redshift.on(ListTagsForResourceCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { tags: [] };
    });

    // Act
    const events = await collect(
      inventoryRegion({ client, region: 'us-east-1', concurrency: 3, needsTags: allTags }),
    );

    // Assess
    expect(namespaceEvents(events)).toHaveLength(12);
    expect(peak).toBe(3);
  });

  it('paces every call through the rate limit', async () => {
    // Prepare
    stubRegion(redshift, { namespaces: ['a', 'b'] });
    const clock = { t: 0, sleeps: [] as number[] };

    // Act
    await collect(
      inventoryRegion({
        client,
        region: 'us-east-1',
        concurrency: 2,
        needsTags: allTags,
        ratePerSecond: 1,
        clock: {
          now: () => clock.t,
          sleep: async (ms: number) => {
            clock.sleeps.push(ms);
            clock.t += ms;
          },
        },
      }),
    );

    // Assess: four calls (the two listings, a tag read per namespace) at one a second, the first from the burst.
    expect(redshift.calls()).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(clock.t).toBeCloseTo(3000);
  });

  it('stops paging and reading when the caller leaves the loop', async () => {
    // Prepare: a listing that would never end.
    redshift.on(ListNamespacesCommand).resolves({ namespaces: listed('a'), nextToken: 'more' });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });
    redshift.on(ListTagsForResourceCommand).resolves({ tags: [] });

    // Act
    for await (const event of inventoryRegion({
      client,
      region: 'us-east-1',
      concurrency: 1,
      needsTags: allTags,
    })) {
      if (event.kind === 'namespace') break;
    }
    const callsWhenLeft = redshift.calls().length;
    for (let tick = 0; tick < 10; tick += 1) await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(redshift.calls().length).toBe(callsWhenLeft);
  });
});
