/**
 * The AWS partitions: commercial, China and GovCloud regions are separate clouds with separate
 * accounts and ARNs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, "partition").
 */
export const Partition = {
  Aws: 'aws',
  China: 'aws-cn',
  GovCloud: 'aws-us-gov',
} as const;
export type Partition = (typeof Partition)[keyof typeof Partition];

/**
 * The partition an ARN names for a region: `aws-cn` for China, `aws-us-gov` for GovCloud,
 * `aws` for everything else. Read from the region code's prefix, as AWS lays them out, so a
 * region opened after this was written still gets the right ARNs.
 */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return Partition.China;
  if (region.startsWith('us-gov-')) return Partition.GovCloud;
  return Partition.Aws;
}
