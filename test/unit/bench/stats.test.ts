import { describe, expect, it } from 'vitest';
import { median, peakOverlap, percentile, ratio, SampleError, summarize } from '../../../bench/stats.js';

describe('Function: median', () => {
  it('returns the middle sample of an odd count, whatever the order', () => {
    // Act
    const value = median([9, 1, 5]);

    // Assess
    expect(value).toBe(5);
  });

  it('returns the mean of the two middle samples of an even count', () => {
    // Act
    const value = median([4, 1, 3, 2]);

    // Assess
    expect(value).toBe(2.5);
  });

  it('throws on no samples', () => {
    // Act & Assess
    expect(() => median([])).toThrow(SampleError);
  });

  it('throws on a sample that is not a finite number', () => {
    // Act & Assess
    expect(() => median([1, Number.NaN])).toThrow(/not a finite sample/);
  });

  it('leaves the samples in their order', () => {
    // Prepare
    const samples = [3, 1, 2];

    // Act
    median(samples);

    // Assess
    expect(samples).toStrictEqual([3, 1, 2]);
  });
});

describe('Function: percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index); // 100 … 1

  it('returns the nearest-rank sample', () => {
    // Act
    const values = [1, 50, 90, 99, 100].map((p) => percentile(hundred, p));

    // Assess
    expect(values).toStrictEqual([1, 50, 90, 99, 100]);
  });

  it('returns the largest sample as p99 of fewer than 100 samples', () => {
    // Act
    const value = percentile([10, 20, 30], 99);

    // Assess
    expect(value).toBe(30);
  });

  it('returns the 198th of 200 sorted samples as p99', () => {
    // Prepare
    const samples = Array.from({ length: 200 }, (_, index) => index + 1);

    // Act
    const value = percentile(samples, 99);

    // Assess
    expect(value).toBe(198);
  });

  it('throws on a percentile outside (0, 100]', () => {
    // Act & Assess
    expect(() => percentile([1], 0)).toThrow(SampleError);
    expect(() => percentile([1], 101)).toThrow(SampleError);
  });
});

describe('Function: summarize', () => {
  it('returns count, extremes, percentiles and mean', () => {
    // Act
    const summary = summarize([4, 2, 8, 6]);

    // Assess
    expect(summary).toStrictEqual({ count: 4, min: 2, p50: 4, p90: 8, p99: 8, max: 8, mean: 5 });
  });
});

describe('Function: ratio', () => {
  it('returns value over baseline', () => {
    // Act & Assess
    expect(ratio(30, 120)).toBe(0.25);
  });

  it('throws on a baseline that is not positive', () => {
    // Act & Assess
    expect(() => ratio(1, 0)).toThrow(SampleError);
  });
});

describe('Function: peakOverlap', () => {
  it('returns how many intervals are open at the busiest instant', () => {
    // Act
    const peak = peakOverlap([
      [0, 10],
      [2, 5],
      [4, 12],
      [11, 13],
    ]);

    // Assess
    expect(peak).toBe(3);
  });

  it('counts back-to-back intervals as one at a time, and none as zero', () => {
    // Act & Assess
    expect(
      peakOverlap([
        [0, 5],
        [5, 10],
      ]),
    ).toBe(1);
    expect(peakOverlap([])).toBe(0);
  });
});
