import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { runInChild } from './childProcess.js';
import { MEMBER_ACCOUNTS, ORGANIZATION_POLICY } from './organizationSweep.js';
import type { DeletionRound, RestorationResult, RestorationSpec, RoundResult } from './restorationRun.js';
import { summarize } from './stats.js';

export const RESTORATION_P99_GOAL_SECONDS = 5;

/**
 * Self-healing: 200 copy configurations (40 with --quick) deleted through the real SDK, each
 * timed until the worker says `restored`, on the local automation with a member account. Twice:
 * a burst (8 deletions at a time: the worker's batches of 10 fill at once) and the same
 * configurations deleted again one every 200 ms (each batch waits out its 1 s batching window).
 */
export const restoration: Benchmark = {
  name: 'restoration',
  run: async ({ serviceDir, quick, progress }): Promise<BenchmarkResult> => {
    const rounds: DeletionRound[] = [
      { label: 'burst, 8 at a time', concurrency: 8, spacingMs: 0 },
      { label: 'one every 200 ms', concurrency: 1, spacingMs: 200 },
    ];
    const spec: RestorationSpec = {
      serviceDir,
      policyFile: ORGANIZATION_POLICY,
      member: MEMBER_ACCOUNTS[0] ?? '111111111111',
      regions: ['us-east-1', 'eu-west-1'],
      deletions: quick ? 40 : 200,
      concurrency: 8,
      rounds,
      timeoutSeconds: 120,
    };
    progress(
      `${spec.deletions} namespaces protected, then each configuration deleted: ${rounds.map((round) => round.label).join('; then ')}`,
    );
    const result = await runInChild<RestorationResult>('restoration', spec, serviceDir);
    checkEveryRestorationTimed(result);
    const where =
      `${spec.deletions} configurations in the stack's account and a member (through its role), ` +
      `us-east-1 and eu-west-1, deleted through the SDK`;
    return {
      figures: result.rounds.flatMap((round) => roundFigures(round, where, spec.timeoutSeconds)),
      details: {
        spec,
        rounds: result.rounds.map(({ toRestoredLineMs, toConfigurationBackMs, ...rest }) => ({
          ...rest,
          toRestoredLineSeconds: summarize(toRestoredLineMs.map((ms) => ms / 1000)),
          toConfigurationBackSeconds: summarize(toConfigurationBackMs.map((ms) => ms / 1000)),
        })),
      },
    };
  },
};

/**
 * The p99 is over the deletions the worker logged `restored` for: a configuration back without
 * its line would drop out of the samples (the slowest first, when its line came after the bench
 * stopped waiting) and make the percentile fast for the wrong reason. Configurations that never
 * came back are counted by their own figure.
 */
function checkEveryRestorationTimed(result: RestorationResult): void {
  for (const round of result.rounds) {
    const missing = round.toConfigurationBackMs.length - round.toRestoredLineMs.length;
    if (missing > 0) {
      throw new Error(
        `${round.round.label}: ${missing} configurations came back without the worker's restored line`,
      );
    }
  }
}

function roundFigures(result: RoundResult, where: string, timeoutSeconds: number): Figure[] {
  const toLine = summarize(result.toRestoredLineMs.map((ms) => ms / 1000));
  const toBack = summarize(result.toConfigurationBackMs.map((ms) => ms / 1000));
  const label = result.round.label;
  return [
    {
      name: `restoration after a deleted configuration p50 (${label})`,
      value: round2(toLine.p50),
      unit: 's',
      how: `${where}, ${label}; DeleteSnapshotCopyConfiguration returned → the worker's \`restored\` outcome line (its timestamp)`,
    },
    {
      name: `restoration after a deleted configuration p99 (${label})`,
      value: round2(toLine.p99),
      unit: 's',
      goal: { comparison: '<=', value: RESTORATION_P99_GOAL_SECONDS },
      how:
        `same, nearest-rank p99 of ${toLine.count}; CloudTrail event → copy-configuration-changed rule → requests queue → worker; ` +
        `delete returned → configuration created again (service clock): p99 ${round2(toBack.p99)} s`,
    },
    {
      name: `deleted configurations not restored (${label})`,
      value: result.notRestored,
      unit: 'configurations',
      goal: { comparison: '<=', value: 0 },
      how: `of ${result.deletions}, still without a configuration after ${timeoutSeconds} s; outcomes: ${describe(result.outcomes)}`,
    },
  ];
}

function describe(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
