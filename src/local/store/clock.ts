/**
 * Time as the local cloud sees it. Every service takes its time from here, so tests can move
 * it (visibility timeouts, MODIFYING windows, fault windows) without sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told; `advance` is how tests pass time. */
export class ManualClock implements Clock {
  #now: number;
  public constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.#now = start;
  }
  public now(): number {
    return this.#now;
  }
  public advance(ms: number): void {
    this.#now += ms;
  }
  public set(ms: number): void {
    this.#now = ms;
  }
}
