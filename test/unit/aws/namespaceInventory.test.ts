import {
  ListNamespacesCommand,
  ListSnapshotCopyConfigurationsCommand,
  ListTagsForResourceCommand,
  type Namespace,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { type InventoryEvent, inventoryNamespaces } from '../../../src/aws/namespaceInventory.js';

const redshift = mockClient(RedshiftServerlessClient);
const client = new RedshiftServerlessClient({ region: 'us-east-1' });

const arnOf = (name: string) => `arn:aws:redshift-serverless:us-east-1:111111111111:namespace/${name}-id`;
const listed = (...names: string[]): Namespace[] =>
  names.map((name) => ({ namespaceName: name, namespaceArn: arnOf(name), status: 'AVAILABLE' as const }));
const awsError = (name: string) => Object.assign(new Error(name), { name });

async function collect(events: AsyncIterable<InventoryEvent>): Promise<InventoryEvent[]> {
  const all: InventoryEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

afterEach(() => {
  redshift.reset();
});

describe('Function: inventoryNamespaces', () => {
  it('follows nextToken and reads tags and copy configurations of every namespace', async () => {
    // Prepare
    redshift
      .on(ListNamespacesCommand)
      .resolvesOnce({ namespaces: listed('a', 'b'), nextToken: 'page-2' })
      .resolves({ namespaces: listed('c') });
    redshift.on(ListTagsForResourceCommand).resolves({ tags: [{ key: 'team', value: 'data' }] });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({
      snapshotCopyConfigurations: [
        {
          snapshotCopyConfigurationId: 'cfg',
          namespaceName: 'x',
          destinationRegion: 'us-west-2',
          snapshotRetentionPeriod: 7,
        },
      ],
    });

    // Act
    const events = await collect(inventoryNamespaces({ client, region: 'us-east-1', concurrency: 2 }));

    // Assess
    expect(redshift.commandCalls(ListNamespacesCommand).map((call) => call.args[0].input)).toEqual([
      { maxResults: 100, nextToken: undefined },
      { maxResults: 100, nextToken: 'page-2' },
    ]);
    expect(events.filter((event) => event.kind === 'listed')).toEqual([
      { kind: 'listed', discovered: 2, complete: false },
      { kind: 'listed', discovered: 3, complete: true },
    ]);
    const namespaces = events.flatMap((event) => (event.kind === 'namespace' ? [event] : []));
    expect(namespaces.map((event) => event.namespace.name).sort()).toEqual(['a', 'b', 'c']);
    expect(namespaces[0]).toMatchObject({
      namespace: {
        account: '111111111111',
        region: 'us-east-1',
        tags: { team: 'data' },
        status: 'AVAILABLE',
      },
      configurations: [{ id: 'cfg', destinationRegion: 'us-west-2', retentionDays: 7 }],
    });
  });

  it('reports a namespace deleted meanwhile as gone and one it cannot read as failed, and carries on', async () => {
    // Prepare
    redshift.on(ListNamespacesCommand).resolves({ namespaces: listed('deleted', 'denied', 'fine') });
    // aws-sdk-client-mock: the general stub first, the input-specific one after it.
    redshift.on(ListTagsForResourceCommand).resolves({ tags: [] });
    redshift
      .on(ListTagsForResourceCommand, { resourceArn: arnOf('deleted') })
      .rejects(awsError('ResourceNotFoundException'));
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });
    redshift
      .on(ListSnapshotCopyConfigurationsCommand, { namespaceName: 'denied' })
      .rejects(awsError('AccessDeniedException'));

    // Act
    const events = await collect(inventoryNamespaces({ client, region: 'us-east-1', concurrency: 3 }));

    // Assess
    const byName = Object.fromEntries(
      events.flatMap((event) => (event.kind === 'listed' ? [] : [[event.namespace.name, event.kind]])),
    );
    expect(byName).toEqual({ deleted: 'gone', denied: 'failed', fine: 'namespace' });
    const failed = events.find((event) => event.kind === 'failed');
    expect(failed?.kind === 'failed' && failed.error.name).toBe('AccessDeniedException');
  });

  it('ends with the listing error after reporting what the pages before it held', async () => {
    // Prepare
    redshift
      .on(ListNamespacesCommand)
      .resolvesOnce({ namespaces: listed('a'), nextToken: 'page-2' })
      .rejects(awsError('ValidationException'));
    redshift.on(ListTagsForResourceCommand).resolves({ tags: [] });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });
    const seen: InventoryEvent[] = [];

    // Act
    const run = (async () => {
      for await (const event of inventoryNamespaces({ client, region: 'us-east-1', concurrency: 1 }))
        seen.push(event);
    })();

    // Assess
    await expect(run).rejects.toThrow('ValidationException');
    expect(seen.map((event) => event.kind)).toEqual(['listed', 'namespace']);
  });

  it('never reads more namespaces at once than the concurrency', async () => {
    // Prepare
    const names = Array.from({ length: 12 }, (_, index) => `ns-${index}`);
    redshift.on(ListNamespacesCommand).resolves({ namespaces: listed(...names) });
    let inFlight = 0;
    let peak = 0;
    redshift.on(ListTagsForResourceCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { tags: [] };
    });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });

    // Act
    const events = await collect(inventoryNamespaces({ client, region: 'us-east-1', concurrency: 3 }));

    // Assess
    expect(events.filter((event) => event.kind === 'namespace')).toHaveLength(12);
    expect(peak).toBe(3);
  });

  it('paces every call through the rate limit', async () => {
    // Prepare
    redshift.on(ListNamespacesCommand).resolves({ namespaces: listed('a', 'b') });
    redshift.on(ListTagsForResourceCommand).resolves({ tags: [] });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });
    const clock = { t: 0, sleeps: [] as number[] };

    // Act
    await collect(
      inventoryNamespaces({
        client,
        region: 'us-east-1',
        concurrency: 2,
        ratePerSecond: 1,
        clock: {
          now: () => clock.t,
          sleep: async (ms) => {
            clock.sleeps.push(ms);
            clock.t += ms;
          },
        },
      }),
    );

    // Assess: five calls (one page, two per namespace) at one a second, the first from the burst.
    expect(clock.sleeps).toHaveLength(4);
    expect(clock.t).toBeCloseTo(4000);
  });

  it('stops paging and reading when the caller leaves the loop', async () => {
    // Prepare: a listing that would never end.
    redshift.on(ListNamespacesCommand).resolves({ namespaces: listed('a'), nextToken: 'more' });
    redshift.on(ListTagsForResourceCommand).resolves({ tags: [] });
    redshift.on(ListSnapshotCopyConfigurationsCommand).resolves({ snapshotCopyConfigurations: [] });

    // Act
    for await (const event of inventoryNamespaces({ client, region: 'us-east-1', concurrency: 1 })) {
      if (event.kind === 'namespace') break;
    }
    const callsWhenLeft = redshift.calls().length;
    for (let tick = 0; tick < 10; tick += 1) await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(redshift.calls().length).toBe(callsWhenLeft);
  });
});
