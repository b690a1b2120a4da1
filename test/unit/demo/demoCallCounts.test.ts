import { describe, expect, it } from 'vitest';
import { callsBetween, splitCalls } from '../../../src/demo/demoCallCounts.js';

describe('Function: splitCalls', () => {
  it("splits each operation's calls into the demo's, status's and the automation's, which add up to the total", () => {
    // Act
    const split = splitCalls(
      { ListSnapshotCopyConfigurations: 24, CreateNamespace: 10 },
      new Map([
        ['ListSnapshotCopyConfigurations', 10],
        ['CreateNamespace', 10],
      ]),
      { ListSnapshotCopyConfigurations: 4 },
    );

    // Assess
    expect(split).toEqual([
      { operation: 'ListSnapshotCopyConfigurations', total: 24, byDemo: 10, byStatus: 4, byAutomation: 10 },
      { operation: 'CreateNamespace', total: 10, byDemo: 10, byStatus: 0, byAutomation: 0 },
    ]);
  });

  it('never counts more calls for the demo and status than the local cloud answered', () => {
    // Act
    const [split] = splitCalls({ ListNamespaces: 3 }, new Map([['ListNamespaces', 2]]), {
      ListNamespaces: 4,
    });

    // Assess
    expect(split).toEqual({ operation: 'ListNamespaces', total: 3, byDemo: 2, byStatus: 1, byAutomation: 0 });
  });
});

describe('Function: callsBetween', () => {
  it('gives the calls made between two snapshots, operations without any left out', () => {
    // Act
    const calls = callsBetween(
      { ListNamespaces: 1, CreateNamespace: 5 },
      { ListNamespaces: 5, CreateNamespace: 5, ListTagsForResource: 1 },
    );

    // Assess
    expect(calls).toEqual({ ListNamespaces: 4, ListTagsForResource: 1 });
  });
});
