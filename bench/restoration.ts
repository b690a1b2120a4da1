import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { runInChild } from './childProcess.js';
import { MEMBER_ACCOUNTS, ORGANIZATION_POLICY } from './organizationSweep.js';
import type { RestorationResult, RestorationSpec } from './restorationRun.js';
import { summarize } from './stats.js';

export const RESTORATION_P99_GOAL_SECONDS = 5;

/**
 * Self-healing: 200 copy configurations deleted through the real SDK (50 with --quick), each
 * timed until the worker says `restored`, on the local automation with a member account.
 */
export const restoration: Benchmark = {
  name: 'restoration',
  run: async ({ serviceDir, quick, progress }): Promise<BenchmarkResult> => {
    const spec: RestorationSpec = {
      serviceDir,
      policyFile: ORGANIZATION_POLICY,
      member: MEMBER_ACCOUNTS[0] ?? '111111111111',
      regions: ['us-east-1', 'eu-west-1'],
      deletions: quick ? 40 : 200,
      concurrency: 8,
      timeoutSeconds: 120,
    };
    progress(
      `${spec.deletions} namespaces protected, then each configuration deleted (${spec.concurrency} at a time)`,
    );
    const result = await runInChild<RestorationResult>('restoration', spec, serviceDir);
    const toLine = summarize(result.toRestoredLineMs.map((ms) => ms / 1000));
    const toBack = summarize(result.toConfigurationBackMs.map((ms) => ms / 1000));
    const where = `${result.deletions} configurations in the stack's account and a member (through its role), us-east-1 and eu-west-1, deleted ${spec.concurrency} at a time through the SDK`;
    const figures: Figure[] = [
      {
        name: 'restoration after a deleted configuration p50',
        value: round2(toLine.p50),
        unit: 's',
        how: `${where}; DeleteSnapshotCopyConfiguration returned → the worker's \`restored\` outcome line (its timestamp)`,
      },
      {
        name: 'restoration after a deleted configuration p99',
        value: round2(toLine.p99),
        unit: 's',
        goal: { comparison: '<=', value: RESTORATION_P99_GOAL_SECONDS },
        how: `same, nearest-rank p99 of ${toLine.count}; CloudTrail event → copy-configuration-changed rule → requests queue → worker`,
      },
      {
        name: 'restoration p99, configuration listed again',
        value: round2(toBack.p99),
        unit: 's',
        how: 'same deletions, delete returned → the new configuration created (the service clock), observed in-process',
      },
      {
        name: 'deleted configurations not restored',
        value: result.notRestored,
        unit: 'configurations',
        goal: { comparison: '<=', value: 0 },
        how: `of ${result.deletions}, still without a configuration after ${spec.timeoutSeconds} s; outcomes: ${describe(result.outcomes)}`,
      },
    ];
    return {
      figures,
      details: {
        spec,
        toRestoredLineSeconds: toLine,
        toConfigurationBackSeconds: toBack,
        wallMs: result.wallMs,
        outcomes: result.outcomes,
        records: result.records,
        lambdaInvocations: result.lambdaInvocations,
      },
    };
  },
};

function describe(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
