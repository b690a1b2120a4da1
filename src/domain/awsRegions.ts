/**
 * The AWS regions copy-autopilot knows (a policy, the CLI and the worker may name them), with the
 * partition each belongs to. A snapshot copy never leaves its partition, so the partition is part
 * of what the validator checks.
 *
 * Kept as a literal list (not read from the SDK's endpoint data) so the validator stays pure
 * and the build, the Lambda and the CLI agree on it; a test pins it to the regions and partitions
 * of the SDK's partition data (AWS's own), so an SDK update that adds a region says so. A region
 * AWS opens later is one line here.
 * The local cloud keeps its own table (an emulator stays independent of the code it tests); a
 * test pins the two to the same regions and partitions.
 */
export const AwsPartition = {
  Aws: 'aws',
  China: 'aws-cn',
  GovCloud: 'aws-us-gov',
  EuropeanSovereignCloud: 'aws-eusc',
  Iso: 'aws-iso',
  IsoB: 'aws-iso-b',
  IsoE: 'aws-iso-e',
  IsoF: 'aws-iso-f',
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
  'me-west-1': AwsPartition.Aws,
  'mx-central-1': AwsPartition.Aws,
  'sa-east-1': AwsPartition.Aws,
  'sa-west-1': AwsPartition.Aws,
  'us-east-1': AwsPartition.Aws,
  'us-east-2': AwsPartition.Aws,
  'us-west-1': AwsPartition.Aws,
  'us-west-2': AwsPartition.Aws,
  'cn-north-1': AwsPartition.China,
  'cn-northwest-1': AwsPartition.China,
  'us-gov-east-1': AwsPartition.GovCloud,
  'us-gov-west-1': AwsPartition.GovCloud,
  'eusc-de-east-1': AwsPartition.EuropeanSovereignCloud,
  'us-iso-east-1': AwsPartition.Iso,
  'us-iso-west-1': AwsPartition.Iso,
  'us-isob-east-1': AwsPartition.IsoB,
  'us-isob-west-1': AwsPartition.IsoB,
  'eu-isoe-west-1': AwsPartition.IsoE,
  'us-isof-east-1': AwsPartition.IsoF,
  'us-isof-south-1': AwsPartition.IsoF,
} as const satisfies Readonly<Record<string, AwsPartition>>;
export type AwsRegion = keyof typeof AWS_REGIONS;

/** True when `value` is a region this project knows. */
export function isAwsRegion(value: string): value is AwsRegion {
  return Object.hasOwn(AWS_REGIONS, value);
}

/**
 * How to answer for a region the table does not hold. `by-prefix` reads the partition from the
 * region code (`cn-` China, `us-gov-` GovCloud, `eusc-`, `us-iso-`…, anything else aws, as the
 * SDK's partition data lays them out), so code that only builds ARNs keeps working in a region
 * AWS opens after this table was written.
 */
export type PartitionFallback = 'by-prefix';

/** Region-code prefixes of the partitions other than `aws`; the longer of two overlapping first. */
const PARTITION_PREFIXES: readonly (readonly [string, AwsPartition])[] = [
  ['cn-', AwsPartition.China],
  ['us-gov-', AwsPartition.GovCloud],
  ['eusc-', AwsPartition.EuropeanSovereignCloud],
  ['us-isob-', AwsPartition.IsoB],
  ['us-isof-', AwsPartition.IsoF],
  ['eu-isoe-', AwsPartition.IsoE],
  ['us-iso-', AwsPartition.Iso],
];

/** The domain of each partition's endpoints (`sqs.<region>.<suffix>`), from the SDK's partition data. */
const DNS_SUFFIXES: Readonly<Record<AwsPartition, string>> = {
  [AwsPartition.Aws]: 'amazonaws.com',
  [AwsPartition.China]: 'amazonaws.com.cn',
  [AwsPartition.GovCloud]: 'amazonaws.com',
  [AwsPartition.EuropeanSovereignCloud]: 'amazonaws.eu',
  [AwsPartition.Iso]: 'c2s.ic.gov',
  [AwsPartition.IsoB]: 'sc2s.sgov.gov',
  [AwsPartition.IsoE]: 'cloud.adc-e.uk',
  [AwsPartition.IsoF]: 'csp.hci.ic.gov',
};

/** The domain a partition's service endpoints live under; `amazonaws.com` for one it does not know. */
export function dnsSuffixOf(partition: string): string {
  return Object.hasOwn(DNS_SUFFIXES, partition) ? DNS_SUFFIXES[partition as AwsPartition] : 'amazonaws.com';
}

/**
 * The partition of a region. From the table for a known region; for an unknown one, undefined,
 * or the guess the explicit `fallback` asks for (the validator wants "unknown", an ARN builder a guess).
 */
export function partitionOf(region: string): AwsPartition | undefined;
export function partitionOf(region: string, fallback: PartitionFallback): AwsPartition;
export function partitionOf(region: string, fallback?: PartitionFallback): AwsPartition | undefined {
  if (isAwsRegion(region)) return AWS_REGIONS[region];
  if (fallback === undefined) return undefined;
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? AwsPartition.Aws;
}
