import { describe, expect, it } from 'vitest';
import { runChaos } from '../../chaos/runChaos.js';

/**
 * The chaos run at CI size: the real worker on the local cloud under duplicates, Conflict
 * windows, 500s, throttling, a failing DynamoDB and crashes after a Create. `npm run chaos`
 * runs the same thing with 5,000 namespaces.
 */
describe('Chaos run (150 namespaces, seed 42)', () => {
  it('ends with every namespace as its policy says, nothing lost, nothing created twice, every fault fired', async () => {
    // Act
    const report = await runChaos({
      serviceDir: process.cwd(),
      namespaces: 150,
      seed: 42,
      sendWindowMs: 6_000,
      settleTimeoutMs: 35_000,
      visibilityTimeoutSeconds: 3,
      functionTimeoutSeconds: 5,
      backoff: { baseSeconds: 1, maxSeconds: 2 },
      maxBusySeconds: 3,
      dynamoDbOutageSeconds: 1,
      minCrashes: 3,
    });

    // Assess
    expect(report.verdict.violations).toEqual([]);
    expect(report.settled).toBe(true);
    expect(report.verdict.protectedNamespaces).toBe(report.namespaces.protected);
    expect(report.verdict.deadLetteredNamespaces).toBe(
      (report.namespaces.rejected ?? 0) +
        (report.namespaces.missing ?? 0) +
        (report.namespaces.malformed ?? 0),
    );
    expect(report.verdict.creates).toBe(report.namespaces.protected);
    expect((report.duplicateEnvelopes + report.manualRequests) / report.events).toBeGreaterThanOrEqual(0.2);
    expect(report.faults.internalServerErrors).toBeGreaterThan(0);
    expect(report.faults.throttling).toBeGreaterThan(0);
    expect(report.faults.validationRejections).toBeGreaterThan(0);
    expect(report.faults.dynamoDbErrors).toBeGreaterThan(0);
    expect(report.faults.conflictRetries).toBeGreaterThan(0);
    expect(report.crashes).toBeGreaterThanOrEqual(1);
    expect(report.crashRedeliveries).toBeGreaterThanOrEqual(report.crashes);
    expect(report.idempotentReplays).toBeGreaterThan(0);
  }, 90_000);
});
