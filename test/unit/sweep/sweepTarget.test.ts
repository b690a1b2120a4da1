import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicyFileSync } from '../../../src/policyFiles/loadPolicyFile.js';
import { parsePolicy } from '../../../src/policyFiles/parsePolicy.js';
import { assessTarget, sweepTarget } from '../../../src/sweep/sweepTarget.js';
import { type FakeRegion, redshiftCallCounts, stubRegion } from '../../fixtures/pagedRedshiftServerless.js';

const POLICIES = join(import.meta.dirname, '../../fixtures/policies');
const redshift = mockClient(RedshiftServerlessClient);
const eventBridge = mockClient(EventBridgeClient);
const redshiftClient = new RedshiftServerlessClient({ region: 'us-east-1' });
const eventBridgeClient = new EventBridgeClient({ region: 'us-east-1' });

/** The policy looks at no tag: the decision is known from name, account and region. */
const WITHOUT_TAGS = parsePolicy(`
version: 1
rules:
  - name: sandboxes
    match: { namespace: "sandbox-*" }
    skip: true
  - name: everything-else
    match: {}
    copyTo: { region: us-west-2, retentionDays: 7 }
`);

/** The first rule looks at tags and may match any namespace: every decision depends on them. */
const WITH_TAGS = loadPolicyFileSync(join(POLICIES, 'every-decision-reads-tags.yml'));

/** Only production namespaces' rule looks at tags. */
const PRODUCTION_TAGS = loadPolicyFileSync(join(POLICIES, 'production-reads-tags.yml'));

/** `count` namespaces, every other one already copying as `everything-else` wants. */
function region(count: number): FakeRegion {
  const namespaces = Array.from({ length: count }, (_, index) => `ns-${String(index).padStart(5, '0')}`);
  const copies = Object.fromEntries(
    namespaces
      .filter((_, index) => index % 2 === 0)
      .map((name) => [name, { region: 'us-west-2', retentionDays: 7 }]),
  );
  return { namespaces, copies };
}

function acceptEveryEntry(): void {
  eventBridge.on(PutEventsCommand).callsFake(({ Entries }) => ({
    FailedEntryCount: 0,
    Entries: Entries.map((_: unknown, index: number) => ({ EventId: `e-${index}` })),
  }));
}

async function sweep(policy: typeof WITHOUT_TAGS) {
  return sweepTarget({
    inventory: { client: redshiftClient, region: 'us-east-1', concurrency: 8 },
    policy,
    eventBridge: eventBridgeClient,
    busName: 'default',
  });
}

afterEach(() => {
  redshift.reset();
  eventBridge.reset();
});

describe('Function: sweepTarget', () => {
  it('costs at most 0.05 Redshift Serverless calls per namespace when the policy looks at no tag, and 0.1 PutEvents per request', async () => {
    // Prepare
    stubRegion(redshift, region(1000));
    acceptEveryEntry();

    // Act
    const summary = await sweep(WITHOUT_TAGS);

    // Assess: 10 pages of namespaces, 5 of configurations
    const calls = redshiftCallCounts(redshift);
    const redshiftCalls = Object.values(calls).reduce((sum, count) => sum + count, 0);
    const putEvents = eventBridge.commandCalls(PutEventsCommand).length;
    expect(calls).toEqual({ ListNamespaces: 10, ListSnapshotCopyConfigurations: 5 });
    expect(summary.assessed).toBe(1000);
    expect(summary.requested).toHaveLength(500);
    expect(redshiftCalls / summary.assessed).toBeLessThanOrEqual(0.05);
    expect(putEvents / summary.requested.length).toBeLessThanOrEqual(0.1);
  });

  it('costs at most 1.05 Redshift Serverless calls per namespace when every decision depends on tags', async () => {
    // Prepare
    stubRegion(redshift, region(1000));
    acceptEveryEntry();

    // Act
    const summary = await sweep(WITH_TAGS);

    // Assess: one tag read per namespace on top of the 15 listing calls
    const calls = redshiftCallCounts(redshift);
    const redshiftCalls = Object.values(calls).reduce((sum, count) => sum + count, 0);
    expect(calls).toEqual({
      ListNamespaces: 10,
      ListSnapshotCopyConfigurations: 5,
      ListTagsForResource: 1000,
    });
    expect(redshiftCalls / summary.assessed).toBeLessThanOrEqual(1.05);
    expect(eventBridge.commandCalls(PutEventsCommand).length / summary.requested.length).toBeLessThanOrEqual(
      0.1,
    );
  });

  it('reads tags only for the namespaces a tag rule could match, and judges them by their tags', async () => {
    // Prepare
    stubRegion(redshift, {
      namespaces: ['prod-gold', 'prod-plain', 'dev-a', 'dev-b'],
      copies: { 'prod-gold': { region: 'us-west-2', retentionDays: 7 } },
      tags: { 'prod-gold': { 'dr-tier': 'gold' } },
    });
    acceptEveryEntry();

    // Act
    const summary = await sweep(PRODUCTION_TAGS);

    // Assess
    expect(redshiftCallCounts(redshift).ListTagsForResource).toBe(2);
    const verdicts = Object.fromEntries(
      summary.nonCompliant.map(({ namespace, compliance }) => [
        namespace.name,
        [compliance.verdict, compliance.rule],
      ]),
    );
    expect(verdicts).toEqual({
      'prod-gold': ['drift', 'production'],
      'prod-plain': ['missing', 'everything-else'],
      'dev-a': ['missing', 'everything-else'],
      'dev-b': ['missing', 'everything-else'],
    });
  });

  it('puts nothing on a dry run, and says why', async () => {
    // Prepare
    stubRegion(redshift, region(4));

    // Act
    const summary = await sweepTarget({
      inventory: { client: redshiftClient, region: 'us-east-1', concurrency: 2 },
      policy: WITHOUT_TAGS,
      eventBridge: eventBridgeClient,
      busName: 'default',
      dryRun: true,
    });

    // Assess
    expect(summary).toMatchObject({ assessed: 4, notRequested: 'dry-run', requested: [], failed: [] });
    expect(summary.nonCompliant).toHaveLength(2);
    expect(eventBridge.commandCalls(PutEventsCommand)).toEqual([]);
  });
});

describe('Function: assessTarget', () => {
  it('hands every judged namespace to onAssessed and keeps the non-compliant ones', async () => {
    // Prepare
    stubRegion(redshift, {
      namespaces: ['sandbox-a', 'ns-a', 'ns-b'],
      copies: { 'ns-a': { region: 'us-west-2', retentionDays: 7 } },
    });
    const seen: string[] = [];

    // Act
    const assessment = await assessTarget({
      inventory: { client: redshiftClient, region: 'us-east-1', concurrency: 2 },
      policy: WITHOUT_TAGS,
      onAssessed: ({ namespace, compliance }) => seen.push(`${namespace.name}:${compliance.verdict}`),
    });

    // Assess
    expect(seen.sort()).toEqual(['ns-a:protected', 'ns-b:missing', 'sandbox-a:skipped']);
    expect(assessment).toMatchObject({
      region: 'us-east-1',
      assessed: 3,
      gone: 0,
      stopped: false,
      unreadable: [],
    });
    expect(assessment.nonCompliant.map(({ namespace }) => namespace.name)).toEqual(['ns-b']);
  });

  it('stops reading when asked to, and says it stopped', async () => {
    // Prepare
    stubRegion(redshift, region(300));

    // Act
    const assessment = await assessTarget({
      inventory: { client: redshiftClient, region: 'us-east-1', concurrency: 2 },
      policy: WITHOUT_TAGS,
      shouldStop: () => true,
    });

    // Assess
    expect(assessment.stopped).toBe(true);
    expect(assessment.assessed).toBeLessThan(300);
  });
});
