import { describe, expect, it } from 'vitest';
import { AwsPartition, isAwsRegion, partitionOf } from '../../../src/domain/awsRegions.js';

describe('Function: partitionOf', () => {
  it.each([
    ['us-east-1', AwsPartition.Aws],
    ['ap-southeast-7', AwsPartition.Aws],
    ['cn-northwest-1', AwsPartition.China],
    ['us-gov-west-1', AwsPartition.GovCloud],
  ])('returns the partition of %s', (region, partition) => {
    // Act & Assess
    expect(partitionOf(region)).toBe(partition);
  });

  it('returns undefined for a region it does not know, including inherited property names', () => {
    // Act & Assess
    expect(partitionOf('us-west-9')).toBeUndefined();
    expect(isAwsRegion('constructor')).toBe(false);
    expect(isAwsRegion('toString')).toBe(false);
  });
});

describe('Function: partitionOf with the by-prefix fallback', () => {
  it.each([
    ['us-east-1', AwsPartition.Aws],
    ['xx-future-9', AwsPartition.Aws],
    ['cn-south-7', AwsPartition.China],
    ['us-gov-central-3', AwsPartition.GovCloud],
  ])('returns a partition for %s, known or not', (region, partition) => {
    // Act & Assess
    expect(partitionOf(region, 'by-prefix')).toBe(partition);
  });
});
