import { describe, expect, it } from 'vitest';
import { splitNames } from '../../../bench/seedNamespaces.js';

describe('Function: splitNames', () => {
  it('splits the names into consecutive slices that differ by one at most and lose none', () => {
    // Act
    const slices = splitNames('sweep', 10, 4);

    // Assess
    expect(slices.map((slice) => slice.length)).toEqual([2, 3, 2, 3]);
    expect(slices.flat()).toEqual(Array.from({ length: 10 }, (_, index) => `sweep-0000${index}`));
  });
});
