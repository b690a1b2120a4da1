import { describe, expect, it } from 'vitest';
import { ChaosCaseKind, CREATED_KINDS, duplicateDeliveries, planChaos } from '../../../chaos/chaosPlan.js';

describe('Function: planChaos', () => {
  it('returns the same plan for the same seed and another one for another seed', () => {
    // Act
    const first = planChaos({ namespaces: 200, seed: 7, sendWindowMs: 10_000 });
    const again = planChaos({ namespaces: 200, seed: 7, sendWindowMs: 10_000 });
    const other = planChaos({ namespaces: 200, seed: 8, sendWindowMs: 10_000 });

    // Assess
    expect(again).toEqual(first);
    expect(other.namespaces).not.toEqual(first.namespaces);
  });

  it('plans unique names, every kind, and at least 20% duplicate deliveries at full size', () => {
    // Act
    const plan = planChaos({ namespaces: 5_000, seed: 42, sendWindowMs: 60_000 });

    // Assess
    const names = new Set(plan.namespaces.map((namespace) => namespace.name));
    expect(names.size).toBe(5_000);
    const kinds = new Set(plan.namespaces.map((namespace) => namespace.kind));
    expect([...kinds].sort()).toEqual(Object.values(ChaosCaseKind).sort());
    expect(duplicateDeliveries(plan) / plan.namespaces.length).toBeGreaterThanOrEqual(0.2);
  });

  it('names namespaces so that the policy can tell them apart', () => {
    // Act
    const plan = planChaos({ namespaces: 1_000, seed: 3, sendWindowMs: 1_000 });

    // Assess
    for (const namespace of plan.namespaces) {
      if (namespace.kind === ChaosCaseKind.Skipped) expect(namespace.name).toMatch(/^sandbox-/);
      if (namespace.kind === ChaosCaseKind.Malformed) expect(namespace.name).not.toMatch(/^[a-z0-9-]{3,64}$/);
      if (namespace.kind !== ChaosCaseKind.Malformed) expect(namespace.name).toMatch(/^[a-z0-9-]{3,64}$/);
    }
  });

  it('plans crashes, busy windows and outages only where they can happen', () => {
    // Act
    const plan = planChaos({ namespaces: 500, seed: 11, sendWindowMs: 20_000, minCrashes: 4 });

    // Assess
    const crashes = plan.namespaces.filter((namespace) => namespace.crash);
    expect(crashes.length).toBeGreaterThanOrEqual(4);
    expect(crashes.every((namespace) => namespace.kind === ChaosCaseKind.Protected)).toBe(true);
    const kindOf = new Map(plan.namespaces.map((namespace) => [namespace.name, namespace.kind]));
    for (const window of plan.busyWindows) {
      expect(CREATED_KINDS.has(kindOf.get(window.name) ?? ChaosCaseKind.Missing)).toBe(true);
      expect(window.atMs).toBeLessThan(20_000);
    }
    expect(plan.dynamoDbOutages.every((outage) => outage.atMs < 20_000 && outage.seconds > 0)).toBe(true);
  });

  it('meets the minimum number of crashes even when the ratio gives none', () => {
    // Act
    const plan = planChaos({ namespaces: 30, seed: 1, sendWindowMs: 1_000, crashRatio: 0, minCrashes: 3 });

    // Assess
    expect(plan.namespaces.filter((namespace) => namespace.crash)).toHaveLength(3);
  });
});
