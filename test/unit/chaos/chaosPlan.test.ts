import { describe, expect, it } from 'vitest';
import { CI_LAYOUT, FULL_LAYOUT } from '../../../chaos/chaosLayout.js';
import { ChaosCaseKind, duplicateDeliveries, keyOf, planChaos } from '../../../chaos/chaosPlan.js';

describe('Function: planChaos', () => {
  it('returns the same plan for the same seed and another one for another seed', () => {
    // Act
    const first = planChaos({ namespaces: 200, seed: 7, sendWindowMs: 10_000, layout: CI_LAYOUT });
    const again = planChaos({ namespaces: 200, seed: 7, sendWindowMs: 10_000, layout: CI_LAYOUT });
    const other = planChaos({ namespaces: 200, seed: 8, sendWindowMs: 10_000, layout: CI_LAYOUT });

    // Assess
    expect(again).toEqual(first);
    expect(other.namespaces).not.toEqual(first.namespaces);
  });

  it('plans unique namespaces, every kind, every managed target and at least 20% duplicate deliveries at full size', () => {
    // Act
    const plan = planChaos({ namespaces: 5_000, seed: 42, sendWindowMs: 60_000, layout: FULL_LAYOUT });

    // Assess
    expect(new Set(plan.namespaces.map(keyOf)).size).toBe(5_000);
    const kinds = new Set(plan.namespaces.map((namespace) => namespace.kind));
    expect([...kinds].sort()).toEqual(Object.values(ChaosCaseKind).sort());
    const protectedTargets = new Set(
      plan.namespaces
        .filter((namespace) => namespace.kind === ChaosCaseKind.Protected)
        .map((namespace) => `${namespace.account}/${namespace.region}`),
    );
    expect(protectedTargets.size).toBe(FULL_LAYOUT.managedAccounts.length * FULL_LAYOUT.regions.length);
    expect(duplicateDeliveries(plan) / plan.namespaces.length).toBeGreaterThanOrEqual(0.2);
  });

  it('names namespaces so that the policy can tell them apart', () => {
    // Act
    const plan = planChaos({ namespaces: 1_000, seed: 3, sendWindowMs: 1_000, layout: CI_LAYOUT });

    // Assess
    for (const namespace of plan.namespaces) {
      if (namespace.kind === ChaosCaseKind.Skipped) expect(namespace.name).toMatch(/^sandbox-/);
      if (namespace.kind === ChaosCaseKind.Malformed) expect(namespace.name).not.toMatch(/^[a-z0-9-]{3,64}$/);
      if (namespace.kind !== ChaosCaseKind.Malformed) expect(namespace.name).toMatch(/^[a-z0-9-]{3,64}$/);
    }
  });

  it('meets the minimum numbers of crashes, deletions by hand and namespaces of each kind whatever the size', () => {
    // Act
    const plan = planChaos({
      namespaces: 60,
      seed: 1,
      sendWindowMs: 1_000,
      layout: CI_LAYOUT,
      crashRatio: 0,
      minCrashes: 3,
      handDeletionRatio: 0,
      minHandDeletions: 2,
      minPerKind: 2,
    });

    // Assess
    expect(plan.namespaces.filter((namespace) => namespace.crash)).toHaveLength(3);
    expect(plan.namespaces.filter((namespace) => namespace.deleteByHandAtMs !== undefined)).toHaveLength(2);
    for (const kind of Object.values(ChaosCaseKind)) {
      expect(plan.namespaces.filter((namespace) => namespace.kind === kind).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('Function: planChaos, where and when', () => {
  it('places refused records outside what the stack manages, half of them created there and half requested', () => {
    // Act
    const plan = planChaos({ namespaces: 2_000, seed: 5, sendWindowMs: 1_000, layout: CI_LAYOUT });

    // Assess
    const ofKind = (kind: ChaosCaseKind) => plan.namespaces.filter((namespace) => namespace.kind === kind);
    for (const namespace of ofKind(ChaosCaseKind.UnmanagedAccount)) {
      expect(CI_LAYOUT.unmanagedAccounts).toContain(namespace.account);
      expect(CI_LAYOUT.regions).toContain(namespace.region);
    }
    for (const namespace of ofKind(ChaosCaseKind.UnmanagedRegion)) {
      expect(CI_LAYOUT.managedAccounts).toContain(namespace.account);
      expect(CI_LAYOUT.outOfScopeRegions).toContain(namespace.region);
    }
    for (const namespace of ofKind(ChaosCaseKind.RoleMissing)) {
      expect(CI_LAYOUT.roleMissingAccounts).toContain(namespace.account);
    }
    for (const kind of [
      ChaosCaseKind.UnmanagedAccount,
      ChaosCaseKind.UnmanagedRegion,
      ChaosCaseKind.RoleMissing,
    ]) {
      const created = ofKind(kind).filter((namespace) => namespace.created).length;
      expect(Math.abs(created - (ofKind(kind).length - created))).toBeLessThanOrEqual(1);
    }
  });

  it('names most unmanaged-account namespaces after a protected namespace of the stack’s own account in the same region', () => {
    // Act
    const plan = planChaos({ namespaces: 2_000, seed: 9, sendWindowMs: 1_000, layout: CI_LAYOUT });

    // Assess
    const homeProtected = new Set(
      plan.namespaces
        .filter(
          (namespace) =>
            namespace.kind === ChaosCaseKind.Protected && namespace.account === CI_LAYOUT.home.account,
        )
        .map((namespace) => `${namespace.region}/${namespace.name}`),
    );
    const strangers = plan.namespaces.filter(
      (namespace) => namespace.kind === ChaosCaseKind.UnmanagedAccount,
    );
    const twins = strangers.filter((namespace) => homeProtected.has(`${namespace.region}/${namespace.name}`));
    expect(twins.length).toBeGreaterThan(strangers.length / 2);
  });

  it('plans crashes, busy windows, outages and deletions by hand only where they can happen', () => {
    // Act
    const plan = planChaos({
      namespaces: 500,
      seed: 11,
      sendWindowMs: 20_000,
      minCrashes: 4,
      layout: CI_LAYOUT,
    });

    // Assess
    const crashes = plan.namespaces.filter((namespace) => namespace.crash);
    expect(crashes.length).toBeGreaterThanOrEqual(4);
    expect(crashes.every((namespace) => namespace.kind === ChaosCaseKind.Protected)).toBe(true);
    const createdNames = new Set(plan.namespaces.filter((each) => each.created).map((each) => each.name));
    for (const window of plan.busyWindows) {
      expect(createdNames.has(window.name)).toBe(true);
      expect(window.atMs).toBeLessThan(20_000);
    }
    expect(plan.dynamoDbOutages.every((outage) => outage.atMs < 20_000 && outage.seconds > 0)).toBe(true);
    const deleted = plan.namespaces.filter((namespace) => namespace.deleteByHandAtMs !== undefined);
    expect(deleted.length).toBeGreaterThan(0);
    for (const namespace of deleted) {
      expect(namespace).toMatchObject({ kind: ChaosCaseKind.Protected, crash: false });
      const sentAt = (plan.namespaces.indexOf(namespace) / plan.namespaces.length) * 20_000;
      expect(namespace.deleteByHandAtMs).toBeGreaterThanOrEqual(sentAt + 2_000);
    }
  });
});
