/**
 * The partition an ARN names for a region: `aws-cn` for China, `aws-us-gov` for GovCloud,
 * `aws` for everything else. Read from the region code's prefix, as AWS lays them out, so a
 * region opened after this was written still gets the right ARNs.
 */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
