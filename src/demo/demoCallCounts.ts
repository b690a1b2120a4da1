/**
 * The demo's own calls, counted on its clients, so the report can tell them from the
 * automation's: the local cloud counts every call it answers, whoever made it.
 */
export interface CallCounter {
  /** Operation name → calls the demo's clients sent. */
  readonly counts: Map<string, number>;
  /** Starts counting a client's calls (an SDK v3 client: its command names the operation). */
  watch(client: unknown): void;
}

/** Structural: the part of an SDK v3 client's middleware stack counting needs. */
interface CountingStack {
  readonly middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

export function createCallCounter(): CallCounter {
  const counts = new Map<string, number>();
  return {
    counts,
    watch(client) {
      (client as CountingStack).middlewareStack.add(
        (next, context) => async (args) => {
          const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          counts.set(operation, (counts.get(operation) ?? 0) + 1);
          return next(args);
        },
        { step: 'initialize', name: 'demoCallCounter' },
      );
    },
  };
}

/** One operation's calls: all of them, the demo's, `status`'s, and the rest (the deployed functions'). */
export interface CallSplit {
  readonly operation: string;
  readonly total: number;
  readonly byDemo: number;
  readonly byStatus: number;
  readonly byAutomation: number;
}

/**
 * Splits the local cloud's per-operation counts into the demo's, the `status` command's (the
 * cloud's counts across its run: the automation is idle by then) and the automation's.
 */
export function splitCalls(
  total: Readonly<Record<string, number>>,
  byDemo: ReadonlyMap<string, number>,
  byStatus: Readonly<Record<string, number>> = {},
): CallSplit[] {
  return Object.entries(total).map(([operation, count]) => {
    const demo = Math.min(count, byDemo.get(operation) ?? 0);
    const status = Math.min(count - demo, byStatus[operation] ?? 0);
    return { operation, total: count, byDemo: demo, byStatus: status, byAutomation: count - demo - status };
  });
}

/** The calls made between two snapshots of the per-operation counts. */
export function callsBetween(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([operation, count]) => [operation, count - (before[operation] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}
