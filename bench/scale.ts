import { join } from 'node:path';
import { createLocalCloud, LOCAL_ACCOUNT_ID } from '../src/local/index.js';
import type { Benchmark, BenchmarkOptions, BenchmarkResult, Figure } from './benchmark.js';
import { runInChild } from './childProcess.js';
import { deployedBackoffRun, PhaseLabel, phaseOf } from './protectionRuns.js';
import { seedNamespaces } from './seedNamespaces.js';
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
    let sweeps: SweepCosts;
    try {
      options.progress(`seeding ${count} namespaces`);
      seedNamespaces(cloud, [{ account: LOCAL_ACCOUNT_ID, region: REGION }], () =>
        Array.from({ length: count }, (_, index) => `scale-${index}`),
      );
      sweeps = await measureSweeps(url, calls, count, options);
    } finally {
      await cloud.close();
    }
    const backlog = phaseOf(await deployedBackoffRun(options), PhaseLabel.Backlog);
    const figures = [
      ...sweepFigures(count, sweeps),
      {
        name: 'worker throughput',
        value: Math.round(backlog.records / (backlog.wallMs / 1000)),
        unit: 'records/s',
        how: `${backlog.records} queued records drained by the worker (5 pollers, batches of 10), start → last protection`,
      },
    ];
    return {
      figures,
      details: {
        sweep: { ...sweeps.sweep, calls: sweeps.sweepCalls },
        sweepReadingTags: { ...sweeps.tagSweep, calls: sweeps.tagCalls },
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

/** The sweep's figures: time, calls (per namespace, with and without tag reads), memory. */
function sweepFigures(count: number, sweeps: SweepCosts): Figure[] {
  const { sweep, sweepCalls, tagCalls } = sweeps;
  const redshiftCalls = sum(sweepCalls, 'RedshiftServerless.');
  const allCalls = sum(sweepCalls, '');
  const putEvents = sweepCalls['AWSEvents.PutEvents'] ?? 0;

  return [
    {
      name: `sweep wall time (${count} namespaces)`,
      value: round1(sweep.wallMs / 1000),
      unit: 's',
      how: `sweepTarget unpaced, --concurrency ${SWEEP_CONCURRENCY}, local cloud over loopback HTTP`,
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
      name: 'sweep Redshift Serverless calls per namespace, no tag rule applies',
      value: round3(redshiftCalls / count),
      unit: 'calls',
      goal: { comparison: '<=', value: 0.05 },
      how: `copy-policy.yml on ${count} scale-* namespaces: ListNamespaces and ListSnapshotCopyConfigurations pages only (${redshiftCalls} calls)`,
    },
    {
      name: 'sweep Redshift Serverless calls per namespace, every decision reads tags',
      value: round3(sum(tagCalls, 'RedshiftServerless.') / count),
      unit: 'calls',
      goal: { comparison: '<=', value: 1.05 },
      how: `same namespaces, a policy whose first rule matches on a tag: the pages plus one ListTagsForResource each`,
    },
    {
      name: 'sweep PutEvents calls per requested namespace',
      value: round3(putEvents / Math.max(1, sweep.requested)),
      unit: 'calls',
      goal: { comparison: '<=', value: 0.1 },
      how: `${putEvents} PutEvents for ${sweep.requested} requests (ten entries a call), counted at the edge`,
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
  ];
}

/** The two sweeps the figures compare, each with the calls the edge counted for it alone. */
interface SweepCosts {
  readonly sweep: SweepRunResult;
  readonly sweepCalls: Record<string, number>;
  readonly tagSweep: SweepRunResult;
  readonly tagCalls: Record<string, number>;
}

/**
 * The same namespaces swept twice in one run, in child processes: with the project's policy
 * (no tag rule applies to scale-* names) and with one whose decisions all depend on tags.
 */
async function measureSweeps(
  url: string,
  calls: Map<string, number>,
  count: number,
  options: BenchmarkOptions,
): Promise<SweepCosts> {
  const spec: SweepRunSpec = {
    endpoint: url,
    region: REGION,
    policyFile: join(options.serviceDir, 'copy-policy.yml'),
    concurrency: SWEEP_CONCURRENCY,
  };
  options.progress(`sweeping ${count} namespaces`);
  calls.clear();
  const sweep = await runInChild<SweepRunResult>('sweep', spec, options.serviceDir);
  const sweepCalls = Object.fromEntries(calls);
  // Its first rule matches on a tag and could match any namespace: every decision reads tags.
  const tagPolicy = join(options.serviceDir, 'test/fixtures/policies/every-decision-reads-tags.yml');
  options.progress(`sweeping ${count} namespaces with a policy that reads tags`);
  calls.clear();
  const tagSweep = await runInChild<SweepRunResult>(
    'sweep',
    { ...spec, policyFile: tagPolicy },
    options.serviceDir,
  );
  return { sweep, sweepCalls, tagSweep, tagCalls: Object.fromEntries(calls) };
}

function sum(calls: Readonly<Record<string, number>>, prefix: string): number {
  return Object.entries(calls)
    .filter(([call]) => call.startsWith(prefix))
    .reduce((total, [, count]) => total + count, 0);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
