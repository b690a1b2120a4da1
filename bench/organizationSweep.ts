import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { runInChild } from './childProcess.js';
import type { OrganizationSweepResult, OrganizationSweepSpec, TimedSweep } from './organizationSweepRun.js';
import { median, ratio } from './stats.js';

/** The policy the organization is deployed with: its scope is the 40 targets below. */
export const ORGANIZATION_POLICY = 'bench/policies/organization.yml';
/** Nine members, 111111111111 … 999999999999, as the policy lists them. */
export const MEMBER_ACCOUNTS: readonly string[] = Array.from({ length: 9 }, (_, index) =>
  String(index + 1).repeat(12),
);
export const ORGANIZATION_REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1'] as const;
/** The organization sweep must take at most this share of today's single-region sweep's time. */
export const ORGANIZATION_SWEEP_RATIO_GOAL = 0.333;

/**
 * The organization sweep end to end (planner → task queue → sweep workers, the real handlers as
 * serverless.yml deploys them, run by the local runner) beside today's single-region sweep of as
 * many namespaces (bench/sweepBeforeFanOut.ts) and the new code's sweep of them as one target,
 * all in one child process on one local cloud, each timed `rounds` times in alternating order.
 */
export const organizationSweep: Benchmark = {
  name: 'organizationSweep',
  run: async ({ serviceDir, quick, progress }): Promise<BenchmarkResult> => {
    const spec: OrganizationSweepSpec = {
      serviceDir,
      policyFile: ORGANIZATION_POLICY,
      memberAccounts: [...MEMBER_ACCOUNTS],
      regions: [...ORGANIZATION_REGIONS],
      namespaces: quick ? 1_000 : 10_000,
      // An account outside the scope: the fan-out never lists it.
      singleRegion: { account: '123456789012', region: 'us-east-1' },
      concurrency: 4,
      rounds: quick ? 1 : 3,
      timeoutSeconds: 600,
    };
    const targets = (MEMBER_ACCOUNTS.length + 1) * ORGANIZATION_REGIONS.length;
    progress(
      `${targets} targets, ${spec.namespaces} namespaces; fan-out, today's single-region sweep and one-target sweep, ${spec.rounds} rounds`,
    );
    const result = await runInChild<OrganizationSweepResult>('organizationSweep', spec, serviceDir);
    checkComplete(result);
    return { figures: organizationFigures(result), details: { spec, ...result } };
  },
};

/** A sweep that missed namespaces or failed a task would be fast for the wrong reason. */
function checkComplete(result: OrganizationSweepResult): void {
  for (const round of result.rounds) {
    for (const [name, sweep] of Object.entries({
      baseline: round.baseline,
      fanOut: round.fanOut,
      singleTarget: round.singleTarget,
    })) {
      if (sweep.assessed !== result.namespaces || sweep.requested !== result.namespaces) {
        throw new Error(
          `${name}: assessed ${sweep.assessed} and requested ${sweep.requested} of ${result.namespaces} namespaces`,
        );
      }
    }
    if (round.fanOut.failedTasks > 0 || round.fanOut.targetsPlanned !== result.targets) {
      throw new Error(
        `fan-out: ${round.fanOut.targetsPlanned} targets planned, ${round.fanOut.failedTasks} tasks failed`,
      );
    }
  }
}

function organizationFigures(result: OrganizationSweepResult): Figure[] {
  const { rounds, namespaces, targets } = result;
  const seconds = (pick: (round: (typeof rounds)[number]) => TimedSweep) =>
    median(rounds.map((round) => pick(round).wallMs / 1000));
  const fanOut = seconds((round) => round.fanOut);
  const baseline = seconds((round) => round.baseline);
  const single = seconds((round) => round.singleTarget);
  const samples = (pick: (round: (typeof rounds)[number]) => TimedSweep) =>
    rounds.map((round) => (pick(round).wallMs / 1000).toFixed(1)).join(', ');
  const perNamespace = (sweep: TimedSweep) => round3(redshiftCalls(sweep) / namespaces);
  const [first] = rounds;
  const environment = result.sweepWorkerEnvironment;
  const sameRun = `median of ${rounds.length} rounds in one process and local cloud, sweeps alternating`;
  return [
    {
      name: `organization sweep wall time (${targets} targets, ${namespaces} namespaces)`,
      value: round1(fanOut),
      unit: 's',
      how:
        `planner invoked as the schedule does → last of ${targets} sweep-worker invocations returned; real handlers as serverless.yml deploys them ` +
        `(${result.sweepWorkerConcurrency} workers, batch 1, ${environment.SWEEP_RATE_PER_SECOND} calls/s and ${environment.SWEEP_CONCURRENCY} tag reads per target); ${sameRun} (${samples((round) => round.fanOut)} s)`,
    },
    {
      name: `today's single-region sweep wall time (${namespaces} namespaces)`,
      value: round1(baseline),
      unit: 's',
      how: `bench/sweepBeforeFanOut.ts, the single-region algorithm before the fan-out (5a56040): ListTagsForResource + ListSnapshotCopyConfigurations per namespace, ${perNamespace(first?.baseline ?? emptySweep)} Redshift calls per namespace, concurrency 4, its 10 calls/s pacing left out; ${sameRun} (${samples((round) => round.baseline)} s)`,
    },
    {
      name: "organization sweep / today's single-region sweep",
      value: round3(ratio(fanOut, baseline)),
      unit: '×',
      goal: { comparison: '<=', value: ORGANIZATION_SWEEP_RATIO_GOAL },
      how: 'the two medians above, same namespaces (names, count) laid out as 40 targets vs one region',
    },
    {
      name: `single-target sweep wall time, new code (${namespaces} namespaces)`,
      value: round1(single),
      unit: 's',
      how: `sweepTarget over the same ${namespaces} in one (account, region), unpaced, concurrency 4, no Lambda or queue around it; ${sameRun} (${samples((round) => round.singleTarget)} s)`,
    },
    {
      name: 'organization sweep Redshift Serverless calls per namespace',
      value: perNamespace(first?.fanOut ?? emptySweep),
      unit: 'calls',
      how: `counted at the edge, first round: ${describeCalls(first?.fanOut ?? emptySweep)}`,
    },
  ];
}

const emptySweep: TimedSweep = { wallMs: 0, assessed: 0, requested: 0, calls: {} };

function redshiftCalls(sweep: TimedSweep): number {
  return Object.entries(sweep.calls)
    .filter(([call]) => call.startsWith('RedshiftServerless.'))
    .reduce((total, [, count]) => total + count, 0);
}

function describeCalls(sweep: TimedSweep): string {
  return Object.entries(sweep.calls)
    .map(([call, count]) => `${call.slice(call.indexOf('.') + 1)} ${count}`)
    .join(', ');
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
