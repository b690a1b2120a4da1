/**
 * Statistics the benchmarks report: medians of repeated runs and nearest-rank percentiles of
 * latency samples. Pure functions over numbers; no clock, no I/O.
 */

/** What a set of samples looks like, in the samples' own unit. */
export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Samples that cannot be summarised (none, or not finite numbers). */
export class SampleError extends RangeError {
  public constructor(message: string) {
    super(message);
    this.name = 'SampleError';
  }
}

function checked(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new SampleError('no samples');
  const bad = samples.find((sample) => !Number.isFinite(sample));
  if (bad !== undefined) throw new SampleError(`not a finite sample: ${bad}`);
  return [...samples].sort((a, b) => a - b);
}

/** The middle sample; the mean of the two middle ones when the count is even. */
export function median(samples: readonly number[]): number {
  const sorted = checked(samples);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Nearest-rank percentile: the smallest sample with at least `p` % of the samples at or below
 * it. Always one of the samples (no interpolation), so "p99 ≤ 5 s" means at least 99 % of the
 * namespaces were protected within 5 s.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new SampleError(`percentile must be in (0, 100], got ${p}`);
  const sorted = checked(samples);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(1, rank) - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = checked(samples);
  return {
    count: sorted.length,
    min: sorted[0] as number,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((sum, sample) => sum + sample, 0) / sorted.length,
  };
}

/** `value / baseline`, the "× as fast/slow" of a side-by-side measurement. */
export function ratio(value: number, baseline: number): number {
  if (!(baseline > 0)) throw new SampleError(`baseline must be positive, got ${baseline}`);
  return value / baseline;
}

/**
 * The largest number of [start, end] intervals open at one instant (how many invocations ran at
 * once); back-to-back intervals, one ending where the next starts, do not overlap.
 */
export function peakOverlap(intervals: readonly (readonly [number, number])[]): number {
  const edges = intervals.flatMap(([start, end]) => [
    [start, 1],
    [end, -1],
  ]);
  // At one instant an end comes before a start: back-to-back invocations do not overlap.
  edges.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let open = 0;
  let peak = 0;
  for (const [, change] of edges) {
    open += change as number;
    peak = Math.max(peak, open);
  }
  return peak;
}
