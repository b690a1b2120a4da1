import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { loadPolicyFile } from '../src/policyFiles/loadPolicyFile.js';
import { sweepTarget } from '../src/sweep/sweepTarget.js';

export interface SweepRunSpec {
  /** The local cloud the namespaces live in. */
  readonly endpoint: string;
  readonly region: string;
  readonly policyFile: string;
  /** Namespaces read at once (the CLI's --concurrency). */
  readonly concurrency: number;
  /** Redshift Serverless calls per second; absent = unpaced. */
  readonly ratePerSecond?: number;
}

export interface SweepRunResult {
  readonly wallMs: number;
  readonly assessed: number;
  readonly nonCompliant: number;
  readonly requested: number;
  readonly failed: number;
  readonly unreadable: number;
  /** Resident set size once the clients and policy were ready, before the sweep. */
  readonly rssBeforeKiB: number;
  /** The process's peak resident set size (getrusage ru_maxrss). */
  readonly maxRssKiB: number;
  readonly heapUsedAfterMiB: number;
}

/**
 * One sweep of a region, the way `copy-autopilot sweep --yes` and the sweep worker do it
 * (sweepTarget), in a process of its own so its peak memory is the sweep's and not the local cloud's.
 */
export async function runSweep(spec: SweepRunSpec): Promise<SweepRunResult> {
  const config = {
    endpoint: spec.endpoint,
    region: spec.region,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  };
  const redshift = new RedshiftServerlessClient(config);
  const eventBridge = new EventBridgeClient(config);
  const policy = await loadPolicyFile(spec.policyFile);
  const rssBeforeKiB = Math.round(process.memoryUsage().rss / 1024);
  const started = performance.now();
  const summary = await sweepTarget({
    inventory: {
      client: redshift,
      region: spec.region,
      concurrency: spec.concurrency,
      ...(spec.ratePerSecond === undefined ? {} : { ratePerSecond: spec.ratePerSecond }),
    },
    policy,
    eventBridge,
    busName: 'default',
  });
  const wallMs = performance.now() - started;
  redshift.destroy();
  eventBridge.destroy();
  return {
    wallMs,
    assessed: summary.assessed,
    nonCompliant: summary.nonCompliant.length,
    requested: summary.requested.length,
    failed: summary.failed.length,
    unreadable: summary.unreadable.length,
    rssBeforeKiB,
    maxRssKiB: process.resourceUsage().maxRSS,
    heapUsedAfterMiB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
  };
}
