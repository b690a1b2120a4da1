/**
 * How a region of the `aws` partition starts out for an account: enabled by default (the
 * regions that existed before March 2019), or opt-in (disabled until the account enables it).
 * https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
 */
export const RegionKind = {
  EnabledByDefault: 'ENABLED_BY_DEFAULT',
  OptIn: 'OPT_IN',
} as const;
export type RegionKind = (typeof RegionKind)[keyof typeof RegionKind];

const D = RegionKind.EnabledByDefault;
const O = RegionKind.OptIn;

/** The commercial regions `account:ListRegions` answers with, and how each starts out. */
export const AWS_PARTITION_REGIONS: Readonly<Record<string, RegionKind>> = {
  'af-south-1': O,
  'ap-east-1': O,
  'ap-east-2': O,
  'ap-northeast-1': D,
  'ap-northeast-2': D,
  'ap-northeast-3': D,
  'ap-south-1': D,
  'ap-south-2': O,
  'ap-southeast-1': D,
  'ap-southeast-2': D,
  'ap-southeast-3': O,
  'ap-southeast-4': O,
  'ap-southeast-5': O,
  'ap-southeast-6': O,
  'ap-southeast-7': O,
  'ca-central-1': D,
  'ca-west-1': O,
  'eu-central-1': D,
  'eu-central-2': O,
  'eu-north-1': D,
  'eu-south-1': O,
  'eu-south-2': O,
  'eu-west-1': D,
  'eu-west-2': D,
  'eu-west-3': D,
  'il-central-1': O,
  'me-central-1': O,
  'me-south-1': O,
  'me-west-1': O,
  'mx-central-1': O,
  'sa-east-1': D,
  'sa-west-1': O,
  'us-east-1': D,
  'us-east-2': D,
  'us-west-1': D,
  'us-west-2': D,
};
