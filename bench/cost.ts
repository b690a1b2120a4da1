import type { PhaseResult } from './automationRun.js';
import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { busyWindow, deployedBackoffRun, PhaseLabel, phaseOf } from './protectionRuns.js';
import { withoutSamples } from './timeToProtection.js';

export const REDSHIFT_CALLS_GOAL = 2;

/**
 * What protecting one namespace costs in billed or throttled requests, counted where they
 * arrive: Redshift Serverless by the local service (the bench's own CreateNamespace calls left
 * out; protection is observed in-process, so observing costs nothing), DynamoDB and SQS at the
 * local cloud's edge, Lambda invocations by the runner.
 */
export const cost: Benchmark = {
  name: 'cost',
  run: async (options): Promise<BenchmarkResult> => {
    const run = await deployedBackoffRun(options);
    const available = phaseOf(run, PhaseLabel.Available);
    const busy = phaseOf(run, PhaseLabel.Busy);
    const window = busyWindow(options.quick);
    const busyLabel = `busy ${window.min}–${window.max} s`;
    const figures: Figure[] = [
      {
        name: 'Redshift Serverless calls per namespace (no conflict)',
        value: perNamespace(total(available.redshiftCalls), available),
        unit: 'calls',
        goal: { comparison: '<=', value: REDSHIFT_CALLS_GOAL },
        how: `${available.count} namespaces available at once; ${describe(available.redshiftCalls, available)}`,
      },
      {
        name: 'DynamoDB requests per namespace (no conflict)',
        value: perNamespace(available.dynamodbRequests, available),
        unit: 'requests',
        how: 'idempotency records, counted at the local cloud edge',
      },
      {
        name: 'Lambda invocations per namespace (no conflict)',
        value: perNamespace(available.lambdaInvocations, available),
        unit: 'invocations',
        how: 'runner invocations / protected namespaces (batches of up to 10, 1 s window)',
      },
      {
        name: 'SQS requests per namespace (no conflict)',
        value: perNamespace(available.sqsRequests, available),
        unit: 'requests',
        how: 'event source polling and deletes, at the edge; long polls make it depend on idle time',
      },
      {
        name: `Redshift Serverless calls per namespace (${busyLabel})`,
        value: perNamespace(total(busy.redshiftCalls), busy),
        unit: 'calls',
        how: `retries included; ${describe(busy.redshiftCalls, busy)}`,
      },
      {
        name: `Lambda invocations per namespace (${busyLabel})`,
        value: perNamespace(busy.lambdaInvocations, busy),
        unit: 'invocations',
        how: `retries included (${busy.records} records for ${busy.protectedCount} namespaces)`,
      },
    ];
    return { figures, details: { available: withoutSamples(available), busy: withoutSamples(busy) } };
  },
};

function total(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((sum, count) => sum + count, 0);
}

function perNamespace(count: number, phase: PhaseResult): number {
  return phase.protectedCount === 0 ? Number.NaN : Math.round((count / phase.protectedCount) * 100) / 100;
}

function describe(calls: Readonly<Record<string, number>>, phase: PhaseResult): string {
  return Object.entries(calls)
    .map(([operation, count]) => `${operation} ${perNamespace(count, phase)}`)
    .join(', ');
}
