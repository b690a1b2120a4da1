/**
 * The AWS regions a policy may name, with the partition each belongs to. A snapshot copy
 * never leaves its partition, so the partition is part of what the validator checks.
 *
 * Kept as a literal list (not read from the SDK's endpoint data) so the validator stays pure
 * and the build, the Lambda and the CLI agree on it. A region AWS opens later is one line here.
 */
export const AwsPartition = {
  Aws: 'aws',
  China: 'aws-cn',
  GovCloud: 'aws-us-gov',
} as const;
export type AwsPartition = (typeof AwsPartition)[keyof typeof AwsPartition];

export const AWS_REGIONS = {
  'af-south-1': AwsPartition.Aws,
  'ap-east-1': AwsPartition.Aws,
  'ap-east-2': AwsPartition.Aws,
  'ap-northeast-1': AwsPartition.Aws,
  'ap-northeast-2': AwsPartition.Aws,
  'ap-northeast-3': AwsPartition.Aws,
  'ap-south-1': AwsPartition.Aws,
  'ap-south-2': AwsPartition.Aws,
  'ap-southeast-1': AwsPartition.Aws,
  'ap-southeast-2': AwsPartition.Aws,
  'ap-southeast-3': AwsPartition.Aws,
  'ap-southeast-4': AwsPartition.Aws,
  'ap-southeast-5': AwsPartition.Aws,
  'ap-southeast-6': AwsPartition.Aws,
  'ap-southeast-7': AwsPartition.Aws,
  'ca-central-1': AwsPartition.Aws,
  'ca-west-1': AwsPartition.Aws,
  'eu-central-1': AwsPartition.Aws,
  'eu-central-2': AwsPartition.Aws,
  'eu-north-1': AwsPartition.Aws,
  'eu-south-1': AwsPartition.Aws,
  'eu-south-2': AwsPartition.Aws,
  'eu-west-1': AwsPartition.Aws,
  'eu-west-2': AwsPartition.Aws,
  'eu-west-3': AwsPartition.Aws,
  'il-central-1': AwsPartition.Aws,
  'me-central-1': AwsPartition.Aws,
  'me-south-1': AwsPartition.Aws,
  'mx-central-1': AwsPartition.Aws,
  'sa-east-1': AwsPartition.Aws,
  'us-east-1': AwsPartition.Aws,
  'us-east-2': AwsPartition.Aws,
  'us-west-1': AwsPartition.Aws,
  'us-west-2': AwsPartition.Aws,
  'cn-north-1': AwsPartition.China,
  'cn-northwest-1': AwsPartition.China,
  'us-gov-east-1': AwsPartition.GovCloud,
  'us-gov-west-1': AwsPartition.GovCloud,
} as const satisfies Readonly<Record<string, AwsPartition>>;
export type AwsRegion = keyof typeof AWS_REGIONS;

/** True when `value` is a region this project knows. */
export function isAwsRegion(value: string): value is AwsRegion {
  return Object.hasOwn(AWS_REGIONS, value);
}

/** The partition of a known region; undefined for a region this list does not hold. */
export function partitionOf(region: string): AwsPartition | undefined {
  return isAwsRegion(region) ? AWS_REGIONS[region] : undefined;
}
