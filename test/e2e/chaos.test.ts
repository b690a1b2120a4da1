import { describe, expect, it } from 'vitest';
import { CI_LAYOUT } from '../../chaos/chaosLayout.js';
import { runChaos } from '../../chaos/runChaos.js';
import { chosenSeed } from '../fixtures/seed.js';

const SEED = chosenSeed('CHAOS_SEED', 42);

/**
 * The chaos run at CI size, across accounts: the real worker on the multi-account local cloud
 * (the home account and a member in two regions, a member whose role is missing, an unmanaged
 * account and a region outside the scope forwarding their events too) under duplicates, Conflict
 * windows, 500s, throttling, a failing DynamoDB, crashes after a Create and deletions by hand.
 * `npm run chaos` runs the same thing with 5,000 namespaces across ten accounts × three regions.
 */
describe(`Chaos run (150 namespaces across accounts, seed ${SEED})`, () => {
  it('ends with every namespace as its policy says, refused records in the DLQ with their reason, deleted configurations restored, nothing lost, created twice or done in a wrong account', async () => {
    // Act
    const report = await runChaos({
      serviceDir: process.cwd(),
      layout: CI_LAYOUT,
      namespaces: 150,
      seed: SEED,
      sendWindowMs: 6_000,
      settleTimeoutMs: 35_000,
      visibilityTimeoutSeconds: 3,
      functionTimeoutSeconds: 5,
      backoff: { baseSeconds: 1, maxSeconds: 2 },
      maxBusySeconds: 3,
      dynamoDbOutageSeconds: 1,
      minCrashes: 3,
      minHandDeletions: 4,
      minPerKind: 2,
    });

    // Assess
    const { verdict, namespaces } = report;
    expect(verdict.violations).toEqual([]);
    expect(report.settled).toBe(true);
    expect(verdict.protectedNamespaces).toBe(namespaces.protected);
    expect(verdict.deadLetteredNamespaces).toBe(
      ['rejected', 'missing', 'malformed', 'unmanaged-account', 'unmanaged-region', 'role-missing']
        .map((kind) => namespaces[kind] ?? 0)
        .reduce((sum, count) => sum + count, 0),
    );
    expect(verdict.refusedInDlq).toEqual({
      'AccountNotManaged/AccountNotManaged': namespaces['unmanaged-account'],
      'AccountNotManaged/AccessDenied': namespaces['role-missing'],
      'RegionNotManaged/RegionNotManaged': namespaces['unmanaged-region'],
    });
    expect([verdict.lost, verdict.createdTwice, verdict.wrongPlace]).toEqual([0, 0, 0]);
    expect(report.handDeletions.deleted).toBeGreaterThanOrEqual(4);
    expect(verdict.restored).toBe(report.handDeletions.deleted);
    expect(verdict.creates).toBe((namespaces.protected ?? 0) + report.handDeletions.deleted);
    expect((report.duplicateEnvelopes + report.manualRequests) / report.events).toBeGreaterThanOrEqual(0.2);
    expect(report.faults.internalServerErrors).toBeGreaterThan(0);
    expect(report.faults.throttling).toBeGreaterThan(0);
    expect(report.faults.validationRejections).toBeGreaterThan(0);
    expect(report.faults.dynamoDbErrors).toBeGreaterThan(0);
    expect(report.faults.conflictRetries).toBeGreaterThan(0);
    expect(report.crashes).toBeGreaterThanOrEqual(1);
    expect(report.crashRedeliveries).toBeGreaterThanOrEqual(report.crashes);
    expect(report.idempotentReplays).toBeGreaterThan(0);
  }, 120_000);
});
