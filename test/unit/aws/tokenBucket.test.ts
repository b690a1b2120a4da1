import { describe, expect, it } from 'vitest';
import { type PacingClock, TokenBucket } from '../../../src/aws/tokenBucket.js';

/** A clock whose sleeps move time forward at once and are recorded. */
function fakeClock(): PacingClock & { readonly sleeps: number[]; t: number } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('Class: TokenBucket', () => {
  it('lets a burst of one second of calls through, then spaces calls at the rate', async () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket(4, { clock });

    // Act
    for (let call = 0; call < 7; call += 1) await bucket.take();

    // Assess
    expect(clock.sleeps).toHaveLength(3);
    for (const ms of clock.sleeps) expect(ms).toBeCloseTo(250);
  });

  it('serves concurrent callers one token each, in order', async () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket(2, { clock });
    const order: number[] = [];

    // Act
    await Promise.all([0, 1, 2, 3].map((n) => bucket.take().then(() => order.push(n))));

    // Assess
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.t).toBeCloseTo(1000);
  });

  it('refills while idle, up to the burst', async () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket(1, { clock, burst: 2 });
    await bucket.take();
    await bucket.take();

    // Act
    clock.t += 10_000;
    await bucket.take();
    await bucket.take();
    await bucket.take();

    // Assess: the two earned while idle are free, the third waits a second.
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeCloseTo(1000);
  });

  it('allows fractional rates', async () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket(0.5, { clock });

    // Act
    await bucket.take();
    await bucket.take();

    // Assess
    expect(clock.sleeps[0]).toBeCloseTo(2000);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a rate of %s', (rate) => {
    // Act & Assess
    expect(() => new TokenBucket(rate)).toThrow(RangeError);
  });
});
