/** Time for pacing: when it is, and how to wait. Injected so tests never sleep. */
export interface PacingClock {
  /** Milliseconds, monotonic enough for spacing calls. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemPacingClock: PacingClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A token bucket: `ratePerSecond` calls a second on average, bursts of up to `burst` (one
 * second's worth by default). Callers are served in order. Client-side pacing keeps a sweep
 * from spending the account's API rate that the copy worker and people also need; the SDK's
 * retries handle the throttling that slips through.
 */
export class TokenBucket {
  readonly #ratePerSecond: number;
  readonly #burst: number;
  readonly #clock: PacingClock;
  #tokens: number;
  #updatedAt: number;
  #queue: Promise<void> = Promise.resolve();

  public constructor(ratePerSecond: number, options: { burst?: number; clock?: PacingClock } = {}) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
      throw new RangeError(`rate must be a positive number of calls per second, got ${ratePerSecond}`);
    }
    this.#ratePerSecond = ratePerSecond;
    this.#burst = options.burst ?? Math.max(1, ratePerSecond);
    this.#clock = options.clock ?? systemPacingClock;
    this.#tokens = this.#burst;
    this.#updatedAt = this.#clock.now();
  }

  /** Resolves when the caller may make one call. */
  public take(): Promise<void> {
    const turn = this.#queue.then(() => this.#takeOne());
    this.#queue = turn;
    return turn;
  }

  async #takeOne(): Promise<void> {
    this.#refill();
    if (this.#tokens < 1) {
      await this.#clock.sleep(((1 - this.#tokens) / this.#ratePerSecond) * 1000);
      this.#refill();
      // Rounding must not make a caller wait twice for the same token.
      this.#tokens = Math.max(this.#tokens, 1);
    }
    this.#tokens -= 1;
  }

  #refill(): void {
    const now = this.#clock.now();
    const elapsedSeconds = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsedSeconds * this.#ratePerSecond);
    this.#updatedAt = now;
  }
}
