/** One reported figure: a value, its unit, the goal it is held to and how it was measured. */
export interface Figure {
  /** `bundle size: copyWorker`, `time to protection p99 (available)`, … */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Absent = reported for context, held to no goal. */
  readonly goal?: Goal;
  /** How the figure was measured, short enough for a table cell. */
  readonly how: string;
}

export interface Goal {
  readonly comparison: '<=' | '>=';
  readonly value: number;
}

/** What one benchmark returns: its figures, and raw detail kept in the JSON results. */
export interface BenchmarkResult {
  readonly figures: readonly Figure[];
  readonly details: Readonly<Record<string, unknown>>;
}

export interface BenchmarkOptions {
  /** The project directory (serverless.yml, node_modules). */
  readonly serviceDir: string;
  /** Smaller sizes and fewer repetitions: a smoke test of the bench itself, not figures to quote. */
  readonly quick: boolean;
  /** Progress lines for the terminal. */
  readonly progress: (message: string) => void;
}

export interface Benchmark {
  readonly name: string;
  readonly run: (options: BenchmarkOptions) => Promise<BenchmarkResult>;
}

/** Whether a figure meets its goal; undefined when it has none. */
export function meetsGoal(figure: Figure): boolean | undefined {
  if (figure.goal === undefined) return undefined;
  return figure.goal.comparison === '<='
    ? figure.value <= figure.goal.value
    : figure.value >= figure.goal.value;
}
