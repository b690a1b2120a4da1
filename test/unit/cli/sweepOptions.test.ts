import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/errors.js';
import { positiveNumberOption, selectedRegions } from '../../../src/cli/sweepOptions.js';

describe('Function: selectedRegions', () => {
  it('returns repeated --region and --regions together, once each, in order', () => {
    // Act
    const regions = selectedRegions({ region: ['us-east-1', 'eu-west-1'], regions: 'eu-west-1, ap-south-1' });

    // Assess
    expect(regions).toEqual(['us-east-1', 'eu-west-1', 'ap-south-1']);
  });

  it('returns no region when none is named, so the default applies', () => {
    // Act & Assess
    expect(selectedRegions({})).toEqual([]);
  });

  it('rejects what is not a region with a usage error', () => {
    // Act & Assess
    expect(() => selectedRegions({ regions: 'us-east-1,useast2' })).toThrow(UsageError);
  });
});

describe('Function: positiveNumberOption', () => {
  it('returns fractional rates and the default when absent', () => {
    // Act & Assess
    expect(positiveNumberOption({ rate: '0.5' }, 'rate', 10)).toBe(0.5);
    expect(positiveNumberOption({}, 'rate', 10)).toBe(10);
  });

  it('rejects zero with a usage error naming the option', () => {
    // Act & Assess
    expect(() => positiveNumberOption({ rate: '0' }, 'rate', 10)).toThrow('--rate must be a positive number');
  });
});
