import { describe, expect, it } from 'vitest';
import { AWS_REGIONS } from '../../../src/domain/awsRegions.js';
import {
  KNOWN_REGIONS,
  partitionOfKnownRegion,
  partitionOfRequestRegion,
} from '../../../src/local/services/redshiftServerless/knownRegions.js';

/**
 * The local Redshift Serverless keeps its own region table (the emulator stays independent of
 * the product it tests); this pins it to the policy validator's so `policy check` and the local
 * cloud never disagree on a region or its partition again (ap-southeast-6 once passed one and
 * failed the other).
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

  it('places a request region it does not know by its prefix', () => {
    // Assess
    expect(partitionOfRequestRegion('cn-south-9')).toBe('aws-cn');
    expect(partitionOfRequestRegion('us-gov-north-9')).toBe('aws-us-gov');
    expect(partitionOfRequestRegion('xx-east-9')).toBe('aws');
  });
});
