import { Partition } from '../../accounts/partition.js';
import { AWS_PARTITION_REGIONS } from '../../accounts/regionCatalog.js';

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
  // The commercial regions are the ones account:ListRegions answers with: one list for both.
  ...Object.fromEntries(Object.keys(AWS_PARTITION_REGIONS).map((region) => [region, Partition.Aws])),
  'cn-north-1': Partition.China,
  'cn-northwest-1': Partition.China,
  'us-gov-east-1': Partition.GovCloud,
  'us-gov-west-1': Partition.GovCloud,
  'eusc-de-east-1': Partition.EuropeanSovereignCloud,
  'us-iso-east-1': Partition.Iso,
  'us-iso-west-1': Partition.Iso,
  'us-isob-east-1': Partition.IsoB,
  'us-isob-west-1': Partition.IsoB,
  'eu-isoe-west-1': Partition.IsoE,
  'us-isof-east-1': Partition.IsoF,
  'us-isof-south-1': Partition.IsoF,
};

/** The partition of a region in the table, or undefined for a region it does not know. */
export function partitionOfKnownRegion(region: string): Partition | undefined {
  return Object.hasOwn(KNOWN_REGIONS, region) ? KNOWN_REGIONS[region] : undefined;
}
