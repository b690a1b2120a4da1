import type { AutomationRunResult, AutomationRunSpec, PhaseResult, PhaseSpec } from './automationRun.js';
import type { BenchmarkOptions } from './benchmark.js';
import { runInChild } from './childProcess.js';

/**
 * Busy windows: each namespace MODIFYING for 2–10 s from its creation (1–3 s with --quick);
 * seeded, so both runs face the same draws.
 */
export function busyWindow(quick: boolean): {
  readonly min: number;
  readonly max: number;
  readonly seed: number;
} {
  return quick ? { min: 1, max: 3, seed: 20_240_601 } : { min: 2, max: 10, seed: 20_240_601 };
}

/**
 * The fixed-visibility baseline: BACKOFF_BASE_SECONDS = BACKOFF_MAX_SECONDS, so every retry waits
 * the same step (the worker's equal jitter still draws in [step/2, step]): 30 s, 6 s with --quick.
 */
export function fixedVisibilitySeconds(quick: boolean): number {
  return quick ? 6 : 30;
}

export const PhaseLabel = {
  Available: 'available',
  Busy: 'busy',
  Backlog: 'backlog',
} as const;

function sizes(quick: boolean) {
  return quick
    ? { available: 40, busy: 30, backlog: 200, timeoutSeconds: 60 }
    : { available: 200, busy: 200, backlog: 2_000, timeoutSeconds: 150 };
}

const runs = new Map<string, Promise<AutomationRunResult>>();

/**
 * The local automation as serverless.yml deploys it: namespaces available at once, namespaces
 * busy for a random window, and a backlog drained by the worker. Shared by the time-to-protection,
 * cost and scale benchmarks (run once per bench).
 */
export function deployedBackoffRun(options: BenchmarkOptions): Promise<AutomationRunResult> {
  const size = sizes(options.quick);
  return memo('deployed', options, {
    serviceDir: options.serviceDir,
    phases: [
      phase(PhaseLabel.Available, 'available', size.available, 'bench-available', size.timeoutSeconds),
      {
        ...phase(PhaseLabel.Busy, 'busy', size.busy, 'bench-busy', size.timeoutSeconds),
        busySeconds: busyWindow(options.quick),
      },
      phase(PhaseLabel.Backlog, 'backlog', size.backlog, 'bench-backlog', size.timeoutSeconds),
    ],
  });
}

/** The same busy namespaces against a worker whose retries wait a fixed visibility timeout. */
export function fixedVisibilityRun(options: BenchmarkOptions): Promise<AutomationRunResult> {
  const size = sizes(options.quick);
  return memo('fixed', options, {
    serviceDir: options.serviceDir,
    backoff: {
      baseSeconds: fixedVisibilitySeconds(options.quick),
      maxSeconds: fixedVisibilitySeconds(options.quick),
    },
    phases: [
      {
        ...phase(PhaseLabel.Busy, 'busy', size.busy, 'bench-busy', size.timeoutSeconds),
        busySeconds: busyWindow(options.quick),
      },
    ],
  });
}

export function phaseOf(run: AutomationRunResult, label: string): PhaseResult {
  const found = run.phases.find((candidate) => candidate.label === label);
  if (found === undefined) throw new Error(`no ${label} phase in the run`);
  return found;
}

function phase(
  label: string,
  kind: PhaseSpec['kind'],
  count: number,
  prefix: string,
  timeoutSeconds: number,
): PhaseSpec {
  return { label, kind, count, prefix, createConcurrency: 8, timeoutSeconds };
}

function memo(key: string, options: BenchmarkOptions, spec: AutomationRunSpec): Promise<AutomationRunResult> {
  let run = runs.get(key);
  if (run === undefined) {
    const counts = spec.phases.map((candidate) => `${candidate.count} ${candidate.label}`).join(', ');
    options.progress(
      `local automation (${key === 'fixed' ? 'fixed visibility baseline' : 'as deployed'}): ${counts}`,
    );
    run = runInChild<AutomationRunResult>('automation', spec, options.serviceDir);
    runs.set(key, run);
  }
  return run;
}
