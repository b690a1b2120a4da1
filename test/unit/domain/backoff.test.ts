import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  DEFAULT_BACKOFF,
  MAX_VISIBILITY_TIMEOUT_SECONDS,
} from '../../../src/domain/backoff.js';

const lowest = (): number => 0;
const highest = (): number => 0.999_999_999;

describe('Function: backoffSeconds', () => {
  it('doubles the step from 5 s on each receive, starting at half of it with the least jitter', () => {
    // Act
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((count) => backoffSeconds(count, undefined, lowest));

    // Assess
    expect(delays).toStrictEqual([3, 5, 10, 20, 40, 80, 160, 320]);
  });

  it('reaches the whole step with the most jitter', () => {
    // Act
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((count) => backoffSeconds(count, {}, highest));

    // Assess
    expect(delays).toStrictEqual([5, 10, 20, 40, 80, 160, 320, 640]);
  });

  it('caps the step at 15 minutes, however many receives', () => {
    // Act
    const delays = [9, 10, 50, 10_000, Number.MAX_SAFE_INTEGER].map((count) => [
      backoffSeconds(count, undefined, lowest),
      backoffSeconds(count, undefined, highest),
    ]);

    // Assess
    for (const [low, high] of delays) {
      expect(low).toBe(DEFAULT_BACKOFF.maxSeconds / 2);
      expect(high).toBe(DEFAULT_BACKOFF.maxSeconds);
    }
  });

  it('stays a whole number of seconds between half the step and the step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (receiveCount, baseSeconds, extra, draw) => {
          // Prepare
          const maxSeconds = baseSeconds + extra;
          const step = Math.min(maxSeconds, baseSeconds * 2 ** Math.min(receiveCount - 1, 60));

          // Act
          const delay = backoffSeconds(receiveCount, { baseSeconds, maxSeconds }, () => draw);

          // Assess
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(step / 2);
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('spreads records that failed together', () => {
    // Prepare
    const draws = [0, 0.25, 0.5, 0.75, 0.99];

    // Act
    const delays = draws.map((draw) => backoffSeconds(6, undefined, () => draw));

    // Assess
    expect(new Set(delays).size).toBe(draws.length);
  });

  it.each([0, -3, Number.NaN, Number.NEGATIVE_INFINITY])(
    'treats a receive count of %s as the first',
    (count) => {
      // Act & Assess
      expect(backoffSeconds(count, undefined, lowest)).toBe(backoffSeconds(1, undefined, lowest));
    },
  );

  it('rounds a fractional receive count down', () => {
    // Act & Assess
    expect(backoffSeconds(3.9, undefined, highest)).toBe(20);
  });

  it('clamps to the 12 hours SQS allows for a visibility timeout', () => {
    // Act
    const delay = backoffSeconds(30, { baseSeconds: 60, maxSeconds: 100_000 }, highest);

    // Assess
    expect(delay).toBe(MAX_VISIBILITY_TIMEOUT_SECONDS);
  });

  it('returns 0 for a zero base', () => {
    // Act & Assess
    expect(backoffSeconds(7, { baseSeconds: 0 }, highest)).toBe(0);
  });

  it.each([1, 2, -0.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'keeps within bounds when the random source returns %s',
    (draw) => {
      // Act
      const delay = backoffSeconds(2, undefined, () => draw);

      // Assess
      expect(delay).toBeGreaterThanOrEqual(5);
      expect(delay).toBeLessThanOrEqual(10);
    },
  );

  it.each([
    [{ baseSeconds: -1 }, 'backoff baseSeconds must be a finite number of seconds ≥ 0; got -1'],
    [{ maxSeconds: Number.NaN }, 'backoff maxSeconds must be a finite number of seconds ≥ 0; got NaN'],
  ])('throws a RangeError for options %j', (options, message) => {
    // Act & Assess
    expect(() => backoffSeconds(1, options, lowest)).toThrow(new RangeError(message));
  });
});
