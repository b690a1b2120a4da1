import type { PhaseResult } from './automationRun.js';
import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import {
  busyWindow,
  deployedBackoffRun,
  fixedVisibilityRun,
  fixedVisibilitySeconds,
  PhaseLabel,
  phaseOf,
} from './protectionRuns.js';
import { ratio, summarize } from './stats.js';

export const TIME_TO_PROTECTION_P99_GOAL_SECONDS = 5;

/**
 * Time to protection on the local cloud, everything in one process on this machine: local
 * cloud, the real worker (as packaged by osls, SQS event source mapping semantics) and the
 * bench creating namespaces. The baseline run replaces only the worker's backoff settings.
 */
export const timeToProtection: Benchmark = {
  name: 'timeToProtection',
  run: async (options): Promise<BenchmarkResult> => {
    // Full runs one automation after the other, so neither slows the other; --quick overlaps
    // them to stay a one-minute smoke test.
    const overlapped = options.quick ? fixedVisibilityRun(options) : undefined;
    overlapped?.catch(() => undefined); // awaited below; not unhandled if the other run fails first
    const deployed = await deployedBackoffRun(options);
    const fixed = await (overlapped ?? fixedVisibilityRun(options));
    const available = phaseOf(deployed, PhaseLabel.Available);
    const busy = phaseOf(deployed, PhaseLabel.Busy);
    const busyFixed = phaseOf(fixed, PhaseLabel.Busy);
    const availableSeconds = summarize(seconds(available));
    const busySeconds = summarize(seconds(busy));
    const fixedLag = summarize(seconds(busyFixed));
    const window = busyWindow(options.quick);
    const fixedSeconds = fixedVisibilitySeconds(options.quick);
    const created = `${available.count} namespaces, CreateNamespace 8 at a time`;
    const busyHow = `${busy.count} namespaces each MODIFYING ${window.min}–${window.max} s (seeded, same in both runs)`;
    const figures: Figure[] = [
      {
        name: 'time to protection p50 (available)',
        value: round2(availableSeconds.p50),
        unit: 's',
        how: `${created}; CreateNamespace returned → copy configuration created`,
      },
      {
        name: 'time to protection p99 (available)',
        value: round2(availableSeconds.p99),
        unit: 's',
        goal: { comparison: '<=', value: TIME_TO_PROTECTION_P99_GOAL_SECONDS },
        how: `${created}; nearest-rank p99`,
      },
      unprotected(available),
      {
        name: 'lag after busy window p50 (deployed backoff)',
        value: round2(busySeconds.p50),
        unit: 's',
        how: `${busyHow}; window end → configuration created`,
      },
      {
        name: 'lag after busy window p99 (deployed backoff)',
        value: round2(busySeconds.p99),
        unit: 's',
        how: `${busyHow}; backoff 5 s doubling, equal jitter (serverless.yml)`,
      },
      {
        name: `lag after busy window p99 (fixed ${fixedSeconds} s visibility)`,
        value: round2(fixedLag.p99),
        unit: 's',
        how: `same namespaces and windows, same bench; BACKOFF_BASE/MAX_SECONDS=${fixedSeconds}`,
      },
      {
        name: 'lag p99 ratio: deployed backoff / fixed visibility',
        value: round2(ratio(busySeconds.p99, fixedLag.p99)),
        unit: '×',
        how: 'p99s of the two runs above (lower is better)',
      },
      unprotected(busy),
      unprotected(busyFixed, `, fixed ${fixedSeconds} s visibility`),
    ];
    return {
      figures,
      details: {
        availableSeconds,
        busyLagSeconds: { deployedBackoff: busySeconds, fixedVisibility: fixedLag },
        phases: {
          deployed: deployed.phases.map(withoutSamples),
          fixedVisibility: fixed.phases.map(withoutSamples),
        },
      },
    };
  },
};

function unprotected(phase: PhaseResult, suffix = ''): Figure {
  return {
    name: `namespaces not protected in time (${phase.label}${suffix})`,
    value: phase.count - phase.protectedCount,
    unit: 'namespaces',
    goal: { comparison: '<=', value: 0 },
    how: `of ${phase.count}, still without a configuration when the bench stopped waiting`,
  };
}

function seconds(phase: PhaseResult): number[] {
  if (phase.latenciesMs.length === 0) throw new Error(`${phase.label}: no namespace was protected`);
  return phase.latenciesMs.map((ms) => ms / 1000);
}

/** Phase counters for the JSON results, without the per-namespace samples. */
export function withoutSamples(phase: PhaseResult): Omit<PhaseResult, 'latenciesMs'> {
  const { latenciesMs: _samples, ...rest } = phase;
  return rest;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
