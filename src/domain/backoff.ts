/**
 * How long a failed record stays invisible before its next attempt. Exponential, so a
 * namespace busy for minutes (ConflictException while it is MODIFYING) is not hammered; with
 * jitter, so a batch that failed together does not come back together.
 */
export interface BackoffOptions {
  /** Delay of the first retry's step, in seconds. Default 5. */
  readonly baseSeconds?: number;
  /** The step stops doubling here, in seconds. Default 900 (15 minutes). */
  readonly maxSeconds?: number;
}

export const DEFAULT_BACKOFF = {
  baseSeconds: 5,
  maxSeconds: 900,
} as const satisfies Required<BackoffOptions>;

/** SQS ChangeMessageVisibility accepts 0–43200 seconds (12 hours). */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

/** 2^60 seconds dwarfs any cap; stopping there keeps the arithmetic finite. */
const MAX_EXPONENT = 60;

/**
 * The visibility timeout, in whole seconds, for a record received `receiveCount` times (SQS's
 * ApproximateReceiveCount: 1 on the first delivery).
 *
 * The step is `base · 2^(receiveCount − 1)`, capped at `maxSeconds`; the delay is "equal
 * jitter": half the step fixed, the other half random, so it never falls below half the step
 * (a retry storm cannot collapse to zero delays) yet spreads records that failed together.
 * The result lies in [ceil(step / 2), step], clamped to SQS's 0–43200.
 *
 * @param receiveCount - deliveries so far; below 1 (or not a number) counts as 1
 * @param options - base and cap, in seconds
 * @param random - a source of numbers in [0, 1); injectable so tests can pin the jitter
 * @throws {RangeError} when a base or cap is negative or not finite (a configuration bug)
 */
export function backoffSeconds(
  receiveCount: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const baseSeconds = checkedOption('baseSeconds', options.baseSeconds ?? DEFAULT_BACKOFF.baseSeconds);
  const maxSeconds = checkedOption('maxSeconds', options.maxSeconds ?? DEFAULT_BACKOFF.maxSeconds);
  const attempt = Number.isFinite(receiveCount) && receiveCount >= 1 ? Math.floor(receiveCount) : 1;

  const step = Math.min(maxSeconds, baseSeconds * 2 ** Math.min(attempt - 1, MAX_EXPONENT));
  const fixed = Math.ceil(step / 2);
  const jitter = Math.floor(unitInterval(random()) * (Math.floor(step) - fixed + 1));
  return Math.min(MAX_VISIBILITY_TIMEOUT_SECONDS, Math.max(0, fixed + jitter));
}

function checkedOption(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`backoff ${name} must be a finite number of seconds ≥ 0; got ${value}`);
  }
  return value;
}

/** A misbehaving random source must not push the delay outside its bounds. */
function unitInterval(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(value, 1 - Number.EPSILON);
}
