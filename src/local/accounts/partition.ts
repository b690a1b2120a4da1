/**
 * The AWS partitions: commercial, China, GovCloud, the European Sovereign Cloud and the isolated
 * regions are separate clouds with separate accounts and ARNs
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, "partition").
 */
export const Partition = {
  Aws: 'aws',
  China: 'aws-cn',
  GovCloud: 'aws-us-gov',
  EuropeanSovereignCloud: 'aws-eusc',
  Iso: 'aws-iso',
  IsoB: 'aws-iso-b',
  IsoE: 'aws-iso-e',
  IsoF: 'aws-iso-f',
} as const;
export type Partition = (typeof Partition)[keyof typeof Partition];

/** Every partition id, for ARN patterns: `aws` last, so a longer id is tried before its prefix. */
export const PARTITION_IDS_PATTERN = Object.values(Partition)
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * Region-code prefixes of the partitions other than `aws`; the longer of two overlapping first.
 * The product keeps its twin (src/domain/awsRegions.ts): an emulator stays independent of the
 * code it tests, and test/local/redshiftServerless/knownRegions.test.ts pins the two together.
 */
const PREFIXES: readonly (readonly [string, Partition])[] = [
  ['cn-', Partition.China],
  ['us-gov-', Partition.GovCloud],
  ['eusc-', Partition.EuropeanSovereignCloud],
  ['us-isob-', Partition.IsoB],
  ['us-isof-', Partition.IsoF],
  ['eu-isoe-', Partition.IsoE],
  ['us-iso-', Partition.Iso],
];

/**
 * The partition an ARN names for a region, read from the region code's prefix as AWS lays them
 * out (`cn-` China, `us-gov-` GovCloud, `eusc-`, `us-iso-`…, everything else `aws`), so a region
 * opened after this was written still gets the right ARNs.
 */
export function partitionOfRegion(region: string): Partition {
  return PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? Partition.Aws;
}
