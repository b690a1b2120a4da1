import { Partition } from '../../accounts/partition.js';

/**
 * Every region a snapshot copy can come from or go to, with its partition. A destination
 * outside this table is a ValidationException, as it is on AWS (a typo like `us-west-3` must
 * not look like success).
 *
 * The emulator keeps its own table rather than importing the product's (src/domain/awsRegions.ts):
 * it must stay independent of the code it tests. test/local/redshiftServerless/knownRegions.test.ts
 * pins the two to the same regions and partitions.
 */
export const KNOWN_REGIONS: Readonly<Record<string, Partition>> = {
  'af-south-1': Partition.Aws,
  'ap-east-1': Partition.Aws,
  'ap-east-2': Partition.Aws,
  'ap-northeast-1': Partition.Aws,
  'ap-northeast-2': Partition.Aws,
  'ap-northeast-3': Partition.Aws,
  'ap-south-1': Partition.Aws,
  'ap-south-2': Partition.Aws,
  'ap-southeast-1': Partition.Aws,
  'ap-southeast-2': Partition.Aws,
  'ap-southeast-3': Partition.Aws,
  'ap-southeast-4': Partition.Aws,
  'ap-southeast-5': Partition.Aws,
  'ap-southeast-6': Partition.Aws,
  'ap-southeast-7': Partition.Aws,
  'ca-central-1': Partition.Aws,
  'ca-west-1': Partition.Aws,
  'eu-central-1': Partition.Aws,
  'eu-central-2': Partition.Aws,
  'eu-north-1': Partition.Aws,
  'eu-south-1': Partition.Aws,
  'eu-south-2': Partition.Aws,
  'eu-west-1': Partition.Aws,
  'eu-west-2': Partition.Aws,
  'eu-west-3': Partition.Aws,
  'il-central-1': Partition.Aws,
  'me-central-1': Partition.Aws,
  'me-south-1': Partition.Aws,
  'mx-central-1': Partition.Aws,
  'sa-east-1': Partition.Aws,
  'us-east-1': Partition.Aws,
  'us-east-2': Partition.Aws,
  'us-west-1': Partition.Aws,
  'us-west-2': Partition.Aws,
  'cn-north-1': Partition.China,
  'cn-northwest-1': Partition.China,
  'us-gov-east-1': Partition.GovCloud,
  'us-gov-west-1': Partition.GovCloud,
};

/** The partition of a region in the table, or undefined for a region it does not know. */
export function partitionOfKnownRegion(region: string): Partition | undefined {
  return Object.hasOwn(KNOWN_REGIONS, region) ? KNOWN_REGIONS[region] : undefined;
}
