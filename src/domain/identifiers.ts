/**
 * The shapes of the AWS identifiers copy-autopilot reads from events, policies, the environment
 * and the command line, stated once. Sources: the Redshift Serverless API reference
 * (namespaceName `^[a-z0-9-]+$`, 3–64 characters) and the IAM / ARN reference (12-digit
 * account ids, `arn:partition:service:region:account:resource`).
 */
export { AWS_REGIONS, AwsPartition, type AwsRegion, isAwsRegion, partitionOf } from './awsRegions.js';

/** An AWS account id: exactly twelve digits (leading zeros are significant). */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** A Redshift Serverless namespace name. */
export const NAMESPACE_NAME_PATTERN = /^[a-z0-9-]{3,64}$/;

/**
 * The shape of a region code (`us-east-1`, `ap-southeast-7`, `us-gov-west-1`). Shape only: a code
 * this project has not heard of passes; `isAwsRegion` tells known regions apart.
 */
export const REGION_CODE_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** A namespace ARN; groups: 1 partition, 2 region, 3 account, 4 namespace id. */
export const NAMESPACE_ARN_PATTERN =
  /^arn:(aws[a-z-]*):redshift-serverless:([a-z0-9-]+):(\d{12}):namespace\/(.+)$/;

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID_PATTERN.test(value);
}

export function isNamespaceName(value: string): boolean {
  return NAMESPACE_NAME_PATTERN.test(value);
}
