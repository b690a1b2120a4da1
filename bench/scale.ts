import { join } from 'node:path';
import { createLocalCloud } from '../src/local/localCloud.js';
import { LOCAL_ACCOUNT_ID } from '../src/local/services/contracts.js';
import { systemClock } from '../src/local/store/clock.js';
import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { runInChild } from './childProcess.js';
import { deployedBackoffRun, PhaseLabel, phaseOf } from './protectionRuns.js';
import { summarize } from './stats.js';
import type { SweepRunResult, SweepRunSpec } from './sweepRun.js';

const REGION = 'us-east-1';
/** The `sweep` command's defaults: --concurrency 8, --rate 10 calls/s. */
const SWEEP_CONCURRENCY = 8;
const CLI_DEFAULT_RATE = 10;

/**
 * Scale: a sweep over many namespaces on the local cloud, and the worker draining a backlog.
 * The namespaces are seeded straight into the local Redshift Serverless (no HTTP, no worker
 * deployed: their CloudTrail events meet no rule); the sweep runs unpaced in a child process so
 * its peak memory is its own, and every call it makes is counted at the edge.
 */
export const scale: Benchmark = {
  name: 'scale',
  run: async (options): Promise<BenchmarkResult> => {
    const count = options.quick ? 500 : 10_000;
    const calls = new Map<string, number>();
    const cloud = createLocalCloud({
      account: LOCAL_ACCOUNT_ID,
      log: (entry) => calls.set(entry.call, (calls.get(entry.call) ?? 0) + 1),
    });
    const { url } = await cloud.listen(0, '127.0.0.1');
    let sweep: SweepRunResult;
    try {
      options.progress(`seeding ${count} namespaces`);
      for (let index = 0; index < count; index += 1) {
        const ctx = {
          region: REGION,
          account: LOCAL_ACCOUNT_ID,
          requestId: `seed-${index}`,
          clock: systemClock,
        };
        await cloud.redshift.handle('CreateNamespace', { namespaceName: `scale-${index}` }, ctx);
      }
      options.progress(`sweeping ${count} namespaces`);
      const spec: SweepRunSpec = {
        endpoint: url,
        region: REGION,
        policyFile: join(options.serviceDir, 'copy-policy.yml'),
        concurrency: SWEEP_CONCURRENCY,
      };
      sweep = await runInChild<SweepRunResult>('sweep', spec, options.serviceDir);
    } finally {
      await cloud.close();
    }
    const sweepCalls = Object.fromEntries(calls);
    const redshiftCalls = sum(sweepCalls, 'RedshiftServerless.');
    const allCalls = sum(sweepCalls, '');

    const backlog = phaseOf(await deployedBackoffRun(options), PhaseLabel.Backlog);
    const throughput = backlog.records / (backlog.wallMs / 1000);
    const figures: Figure[] = [
      {
        name: `sweep wall time (${count} namespaces)`,
        value: round1(sweep.wallMs / 1000),
        unit: 's',
        how: `sweepRegion unpaced, --concurrency ${SWEEP_CONCURRENCY}, local cloud over loopback HTTP`,
      },
      {
        name: `sweep API calls (${count} namespaces)`,
        value: allCalls,
        unit: 'calls',
        how: `counted at the edge: ${Object.entries(sweepCalls)
          .map(([call, n]) => `${call.slice(call.indexOf('.') + 1)} ${n}`)
          .join(', ')}`,
      },
      {
        name: `sweep time at --rate ${CLI_DEFAULT_RATE} (${count} namespaces)`,
        value: round1(redshiftCalls / CLI_DEFAULT_RATE / 60),
        unit: 'min',
        how: `Redshift calls / the CLI's default pacing (${redshiftCalls} / ${CLI_DEFAULT_RATE} per s), computed`,
      },
      {
        name: `sweep peak memory (${count} namespaces)`,
        value: round1(sweep.maxRssKiB / 1024),
        unit: 'MiB',
        how: `peak RSS of the sweep's own process (${round1(sweep.rssBeforeKiB / 1024)} MiB before it started)`,
      },
      {
        name: 'worker throughput',
        value: Math.round(throughput),
        unit: 'records/s',
        how: `${backlog.records} queued records drained by the worker (5 pollers, batches of 10), start → last protection`,
      },
    ];
    return {
      figures,
      details: {
        sweep: { ...sweep, calls: sweepCalls },
        backlog: {
          records: backlog.records,
          protected: backlog.protectedCount,
          wallMs: backlog.wallMs,
          lambdaInvocations: backlog.lambdaInvocations,
          secondsToProtection:
            backlog.latenciesMs.length > 0
              ? summarize(backlog.latenciesMs.map((ms) => ms / 1000))
              : undefined,
        },
      },
    };
  },
};

function sum(calls: Readonly<Record<string, number>>, prefix: string): number {
  return Object.entries(calls)
    .filter(([call]) => call.startsWith(prefix))
    .reduce((total, [, count]) => total + count, 0);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
