import { parseArgs } from 'node:util';
import { CopyAutopilotError } from '../src/domain/errors.js';

/** What `npm run bench -- …` asked for. */
export type BenchRequest =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run';
      /** Small sizes and few repetitions: a smoke test of the bench, not figures to quote. */
      readonly quick: boolean;
      /** Benchmarks to run; empty = all of them. */
      readonly only: readonly string[];
      /** Where the JSON results go; the caller's default when absent. */
      readonly out?: string;
    };

/** The arguments cannot be run: the message says which and why (the caller prints the usage). */
export class BenchUsageError extends CopyAutopilotError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BenchUsageError';
  }
}

/** The usage `--help` prints, naming the benchmarks there are. */
export function benchUsage(benchmarkNames: readonly string[]): string {
  return `npm run bench [-- --quick] [-- --only NAME[,NAME…]] [-- --out FILE]

Benchmarks: ${benchmarkNames.join(', ')}.
  --quick   small sizes and few repetitions: checks the bench works (about a minute); figures not to quote
  --only    run only these benchmarks
  --out     where to write the JSON results (default: bench/results/latest.json for a full run,
            bench/results/partial.tmp.json otherwise, so a partial run never replaces the latest figures)`;
}

/**
 * Parses the bench's arguments: the one parser `npm run bench` uses, exported so the
 * documentation test can hold every `npm run bench -- …` line of the docs to it.
 *
 * @throws BenchUsageError for an unknown option or an unknown benchmark name
 */
export function parseBenchArguments(
  argv: readonly string[],
  benchmarkNames: readonly string[],
): BenchRequest {
  let values: { quick?: boolean; only?: string[]; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const only = (values.only ?? []).flatMap((value) => value.split(',')).filter((name) => name !== '');
  const unknown = only.filter((name) => !benchmarkNames.includes(name));
  if (unknown.length > 0) throw new BenchUsageError(`unknown benchmark: ${unknown.join(', ')}`);
  if (values.help === true) return { kind: 'help' };
  return { kind: 'run', quick: values.quick === true, only, out: values.out };
}
