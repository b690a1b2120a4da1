import { createConcurrencyLimiter } from '../aws/concurrencyLimiter.js';
import { CopyAutopilotError } from '../domain/errors.js';
import type { Policy } from '../domain/policy/types.js';
import type { AssessedNamespace } from '../sweep/assessNamespaces.js';
import {
  INITIAL_PROGRESS,
  overallProgress,
  type SweepProgress,
  type TargetProgress,
} from '../sweep/sweepProgress.js';
import { assessTarget, type TargetAssessment } from '../sweep/sweepTarget.js';
import type { Printer } from './printer.js';
import { createProgressReporter } from './progressBar.js';
import type { CliTarget, ResolvedTargets } from './resolveTargets.js';
import type { TargetAccess } from './targetAccess.js';

/** (account, region) targets looked at at once; each has its own pacing (limits are per region). */
const TARGETS_AT_ONCE = 4;

/** What became of one target: judged, or failed with the error that stopped it. */
export interface TargetResult {
  /** The account as shown: the one named, else the one its namespaces' ARNs name, else `-`. */
  readonly account: string;
  /** `-` for an account whose regions could not be listed. */
  readonly region: string;
  readonly assessment?: TargetAssessment;
  readonly error?: Error;
}

export interface AssessTargetsOptions {
  /** Where each target's client comes from (its account's credentials). */
  readonly access: Pick<TargetAccess, 'redshift'>;
  readonly policy: Policy;
  /** Tag reads in flight, and Redshift Serverless calls per second, per target. */
  readonly concurrency: number;
  readonly ratePerSecond: number;
  /** Where the one progress bar over every target goes. */
  readonly printer: Printer;
  /** Every namespace as it is judged, with the target it belongs to. */
  readonly onAssessed?: (namespace: AssessedNamespace) => void;
  readonly shouldStop?: () => boolean;
}

/**
 * Looks at every target, TARGETS_AT_ONCE at a time, with one progress bar over all of them.
 * A target that fails (role not assumable, region not enabled, throttled past the SDK's
 * retries) is reported with its error and the others carry on. Results come sorted by account
 * and region, after those of accounts whose regions could not be listed.
 */
export async function assessTargets(
  resolved: ResolvedTargets,
  options: AssessTargetsOptions,
): Promise<TargetResult[]> {
  const { targets } = resolved;
  const limit = createConcurrencyLimiter(TARGETS_AT_ONCE);
  const states: TargetProgress[] = targets.map(() => ({ progress: INITIAL_PROGRESS, done: false }));
  const reporter = createProgressReporter(options.printer);
  const update = (index: number, progress: SweepProgress, done = false) => {
    states[index] = { progress, done };
    reporter.update(overallProgress(states));
  };
  reporter.update(overallProgress(states));
  const results = await Promise.all(
    targets.map((target, index) =>
      limit(() => assessOne(target, options, (progress, done) => update(index, progress, done))),
    ),
  );
  reporter.finish();
  const unplanned = resolved.unplanned.map(({ account, error }) => ({ account, region: '-', error }));
  return [...unplanned, ...results.sort(byAccountAndRegion)];
}

async function assessOne(
  target: CliTarget,
  options: AssessTargetsOptions,
  report: (progress: SweepProgress, done?: boolean) => void,
): Promise<TargetResult> {
  let last = INITIAL_PROGRESS;
  let account = target.account;
  try {
    if (options.shouldStop?.() === true) throw new TargetSkippedError();
    const client = await options.access.redshift(target.account, target.region);
    const assessment = await assessTarget({
      inventory: {
        client,
        region: target.region,
        concurrency: options.concurrency,
        ratePerSecond: options.ratePerSecond,
      },
      policy: options.policy,
      onProgress: (progress) => {
        last = progress;
        report(progress);
      },
      onAssessed: (namespace) => {
        account ??= namespace.namespace.account;
        options.onAssessed?.(namespace);
      },
      shouldStop: options.shouldStop,
    });
    account ??= assessment.nonCompliant[0]?.namespace.account;
    return { account: account ?? '-', region: target.region, assessment };
  } catch (error) {
    return {
      account: account ?? '-',
      region: target.region,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  } finally {
    report(last, true);
  }
}

/** A target not started because the user interrupted the run. */
class TargetSkippedError extends CopyAutopilotError {
  public constructor() {
    super('not looked at: interrupted');
    this.name = 'Interrupted';
  }
}

function byAccountAndRegion(a: TargetResult, b: TargetResult): number {
  return a.account.localeCompare(b.account) || a.region.localeCompare(b.region);
}
