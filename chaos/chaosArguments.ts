import { parseArgs } from 'node:util';
import { CopyAutopilotError } from '../src/domain/errors.js';

/** What `npm run chaos -- …` asked for. */
export type ChaosRequest =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run';
      readonly namespaces: number;
      readonly seed: number;
      /** Events are spread over this many seconds. */
      readonly sendSeconds: number;
      /** How long to wait after the last event for every request to settle. */
      readonly settleSeconds: number;
    };

/** The arguments cannot be run: the message says which and why. */
export class ChaosUsageError extends CopyAutopilotError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ChaosUsageError';
  }
}

export const CHAOS_USAGE = `npm run chaos [-- --namespaces 5000] [-- --seed 42] [-- --send-seconds 60] [-- --settle-seconds 180]

Runs the real copy worker on the multi-account local cloud (ten managed accounts × three regions,
chaos/chaosLayout.ts) through a storm of duplicates, conflicts, 500s, throttling, refusals,
records outside the scope, crashes and configurations deleted by hand, then checks the end state.
Exits 0 when nothing was lost, created twice, done in a wrong account or left unexplained,
1 on any violation, 2 on a usage error.
  --namespaces N      namespaces to create (default 5000)
  --seed N            seed of the plan: namespaces, duplicates, busy windows, crashes (default 42)
  --send-seconds N    spread the events over N seconds (default 60)
  --settle-seconds N  wait at most N seconds after the last event for everything to settle (default 180)`;

/**
 * Parses the chaos run's arguments: the one parser `npm run chaos` uses, exported so the
 * documentation test can hold every `npm run chaos -- …` line of the docs to it.
 *
 * @throws ChaosUsageError for an unknown option or a value that is not a whole number
 */
export function parseChaosArguments(argv: readonly string[]): ChaosRequest {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        namespaces: { type: 'string', default: '5000' },
        seed: { type: 'string', default: '42' },
        'send-seconds': { type: 'string', default: '60' },
        'settle-seconds': { type: 'string', default: '180' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new ChaosUsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const numbers = {
    namespaces: Number(values.namespaces),
    seed: Number(values.seed),
    'send-seconds': Number(values['send-seconds']),
    'settle-seconds': Number(values['settle-seconds']),
  };
  const invalid = Object.entries(numbers).find(([, value]) => !Number.isInteger(value) || value < 0);
  if (invalid !== undefined || numbers.namespaces === 0) {
    throw new ChaosUsageError(`--${invalid?.[0] ?? 'namespaces'} must be a positive integer`);
  }
  if (values.help === true) return { kind: 'help' };
  return {
    kind: 'run',
    namespaces: numbers.namespaces,
    seed: numbers.seed,
    sendSeconds: numbers['send-seconds'],
    settleSeconds: numbers['settle-seconds'],
  };
}
