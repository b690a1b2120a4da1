import { describe, expect, it } from 'vitest';
import { AWS_REGIONS, partitionOf } from '../../../src/domain/awsRegions.js';
import { partitionOfRegion } from '../../../src/local/accounts/partition.js';
import { AWS_PARTITION_REGIONS } from '../../../src/local/accounts/regionCatalog.js';
import {
  KNOWN_REGIONS,
  partitionOfKnownRegion,
} from '../../../src/local/services/redshiftServerless/knownRegions.js';

/**
 * The local Redshift Serverless keeps its own region table (the emulator stays independent of
 * the product it tests); this pins it to the policy validator's so `policy check` and the local
 * cloud never disagree on a region or its partition again (ap-southeast-6 once passed one and
 * failed the other), and to the local cloud's other region facts: the partition its ARNs name
 * and the regions Account's ListRegions answers with.
 */
describe('Local Redshift Serverless: region table', () => {
  it('holds the same regions as the policy validator, each in the same partition', () => {
    // Act
    const local = Object.entries(KNOWN_REGIONS).sort(([a], [b]) => a.localeCompare(b));
    const domain = Object.entries(AWS_REGIONS).sort(([a], [b]) => a.localeCompare(b));

    // Assess
    expect(local).toEqual(domain);
  });

  it('knows the China and GovCloud partitions and the newest commercial region', () => {
    // Assess
    expect(partitionOfKnownRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfKnownRegion('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOfKnownRegion('us-gov-east-1')).toBe('aws-us-gov');
    expect(partitionOfKnownRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfKnownRegion('ap-southeast-6')).toBe('aws');
    expect(partitionOfKnownRegion('us-west-3')).toBeUndefined();
  });

  it('places each of its regions in the partition the local ARNs name', () => {
    // Act
    const mismatches = Object.entries(KNOWN_REGIONS).filter(
      ([region, partition]) => partitionOfRegion(region) !== partition,
    );

    // Assess
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['cn-south-9', 'aws-cn'],
    ['us-gov-north-9', 'aws-us-gov'],
    ['xx-east-9', 'aws'],
  ])(
    'places a region it does not know, %s, by its prefix as the policy validator does',
    (region, partition) => {
      // Assess
      expect(partitionOfKnownRegion(region)).toBeUndefined();
      expect(partitionOfRegion(region)).toBe(partition);
      expect(partitionOf(region, 'by-prefix')).toBe(partition);
    },
  );

  it("holds exactly the commercial regions Account's ListRegions answers with", () => {
    // Act
    const commercial = Object.entries(KNOWN_REGIONS)
      .filter(([, partition]) => partition === 'aws')
      .map(([region]) => region)
      .sort();

    // Assess
    expect(Object.keys(AWS_PARTITION_REGIONS).sort()).toEqual(commercial);
  });
});
