/**
 * The AWS partitions the local Redshift Serverless knows. A snapshot copy never leaves its
 * partition: commercial, China and GovCloud regions are separate clouds with separate accounts
 * and ARNs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, "partition").
 */
export const LocalPartition = {
  Aws: 'aws',
  China: 'aws-cn',
  GovCloud: 'aws-us-gov',
} as const;
export type LocalPartition = (typeof LocalPartition)[keyof typeof LocalPartition];

/**
 * Every region a snapshot copy can come from or go to, with its partition. A destination
 * outside this table is a ValidationException, as it is on AWS (a typo like `us-west-3` must
 * not look like success).
 *
 * The emulator keeps its own table rather than importing the product's (src/domain/awsRegions.ts):
 * it must stay independent of the code it tests. test/local/redshiftServerless/knownRegions.test.ts
 * pins the two to the same regions and partitions.
 */
export const KNOWN_REGIONS: Readonly<Record<string, LocalPartition>> = {
  'af-south-1': LocalPartition.Aws,
  'ap-east-1': LocalPartition.Aws,
  'ap-east-2': LocalPartition.Aws,
  'ap-northeast-1': LocalPartition.Aws,
  'ap-northeast-2': LocalPartition.Aws,
  'ap-northeast-3': LocalPartition.Aws,
  'ap-south-1': LocalPartition.Aws,
  'ap-south-2': LocalPartition.Aws,
  'ap-southeast-1': LocalPartition.Aws,
  'ap-southeast-2': LocalPartition.Aws,
  'ap-southeast-3': LocalPartition.Aws,
  'ap-southeast-4': LocalPartition.Aws,
  'ap-southeast-5': LocalPartition.Aws,
  'ap-southeast-6': LocalPartition.Aws,
  'ap-southeast-7': LocalPartition.Aws,
  'ca-central-1': LocalPartition.Aws,
  'ca-west-1': LocalPartition.Aws,
  'eu-central-1': LocalPartition.Aws,
  'eu-central-2': LocalPartition.Aws,
  'eu-north-1': LocalPartition.Aws,
  'eu-south-1': LocalPartition.Aws,
  'eu-south-2': LocalPartition.Aws,
  'eu-west-1': LocalPartition.Aws,
  'eu-west-2': LocalPartition.Aws,
  'eu-west-3': LocalPartition.Aws,
  'il-central-1': LocalPartition.Aws,
  'me-central-1': LocalPartition.Aws,
  'me-south-1': LocalPartition.Aws,
  'mx-central-1': LocalPartition.Aws,
  'sa-east-1': LocalPartition.Aws,
  'us-east-1': LocalPartition.Aws,
  'us-east-2': LocalPartition.Aws,
  'us-west-1': LocalPartition.Aws,
  'us-west-2': LocalPartition.Aws,
  'cn-north-1': LocalPartition.China,
  'cn-northwest-1': LocalPartition.China,
  'us-gov-east-1': LocalPartition.GovCloud,
  'us-gov-west-1': LocalPartition.GovCloud,
};

/** The partition of a region in the table, or undefined for a region it does not know. */
export function partitionOfKnownRegion(region: string): LocalPartition | undefined {
  return Object.hasOwn(KNOWN_REGIONS, region) ? KNOWN_REGIONS[region] : undefined;
}

/**
 * The partition a request's own region belongs to. The local cloud answers in any region a
 * client signs for, so an unknown one is placed by its prefix (`cn-` China, `us-gov-` GovCloud).
 */
export function partitionOfRequestRegion(region: string): LocalPartition {
  const known = partitionOfKnownRegion(region);
  if (known !== undefined) return known;
  if (region.startsWith('cn-')) return LocalPartition.China;
  if (region.startsWith('us-gov-')) return LocalPartition.GovCloud;
  return LocalPartition.Aws;
}
