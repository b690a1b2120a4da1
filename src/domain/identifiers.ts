/**
 * The shapes of the AWS identifiers copy-autopilot reads from events, policies, the environment
 * and the command line, stated once. Sources: the Redshift Serverless API reference
 * (namespaceName `^[a-z0-9-]+$`, 3–64 characters), the IAM / ARN reference (12-digit account
 * ids, `arn:partition:service:region:account:resource`, role names), AWS Organizations (OU
 * ids), KMS (key ids, alias names) and the tagging limits (TagResource).
 */
import { AwsPartition } from './awsRegions.js';

export { AWS_REGIONS, AwsPartition, type AwsRegion, isAwsRegion, partitionOf } from './awsRegions.js';

/** An AWS account id: exactly twelve digits (leading zeros are significant). */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** A Redshift Serverless namespace name. */
export const NAMESPACE_NAME_PATTERN = /^[a-z0-9-]{3,64}$/;

/** A glob on namespace names (a policy's `match.namespace`): their characters, plus `*` and `?`. */
export const NAMESPACE_GLOB_PATTERN = /^[a-z0-9*?-]+$/;

/**
 * The shape of a region code (`us-east-1`, `ap-southeast-7`, `us-gov-west-1`, `eusc-de-east-1`).
 * Shape only: a code this project has not heard of passes; `isAwsRegion` tells known regions apart.
 */
export const REGION_CODE_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** An IAM role name (IAM API reference, CreateRole RoleName). */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/** An organizational unit id (AWS Organizations API reference, OrganizationalUnit.Id). */
export const ORGANIZATIONAL_UNIT_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** A KMS key id: a UUID, or a multi-Region key's `mrk-` id. */
export const KMS_KEY_ID_PATTERN =
  /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A KMS alias name. */
export const KMS_ALIAS_NAME_PATTERN = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/** Limits of AWS tags (TagResource): keys 1–128 characters, values 0–256. */
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** A queue URL: SQS's (`https://sqs.<region>.amazonaws.com/…`) or the local cloud's (`http://127.0.0.1:…`). */
export const QUEUE_URL_PATTERN = /^https?:\/\//;

// The parts every ARN pattern below is made of. The queue, bus and role patterns stay inside this
// module: callers read those ARNs through parseQueueArn, regionOfEventBusArn and accountOfRoleArn.
const PARTITION = 'aws[a-z-]*';
const REGION = '[a-z0-9-]+';
const ACCOUNT = '\\d{12}';
const arnPattern = (service: string, region: string, resource: string): RegExp =>
  new RegExp(`^arn:(${PARTITION}):${service}:${region}:(${ACCOUNT}):${resource}$`);

/** A namespace ARN; groups: 1 partition, 2 region, 3 account, 4 namespace id. */
export const NAMESPACE_ARN_PATTERN = arnPattern('redshift-serverless', `(${REGION})`, 'namespace/(.+)');

/** An SQS queue ARN; groups: 1 partition, 2 region, 3 account, 4 queue name. */
const QUEUE_ARN_PATTERN = arnPattern('sqs', `(${REGION})`, '(.+)');

/** An EventBridge event bus ARN; groups: 1 partition, 2 region, 3 account, 4 bus name. */
const EVENT_BUS_ARN_PATTERN = arnPattern('events', `(${REGION})`, 'event-bus/(.+)');

/** An IAM role ARN (IAM is global: no region); groups: 1 partition, 2 account, 3 role path and name. */
const ROLE_ARN_PATTERN = arnPattern('iam', '', 'role/(.+)');

/**
 * A KMS key or alias ARN, in a partition this project knows; groups: 1 partition, 2 region,
 * 3 account, 4 `key` or `alias`, 5 the key id or alias name.
 */
export const KMS_ARN_PATTERN = new RegExp(
  `^arn:(${Object.values(AwsPartition).join('|')}):kms:(${REGION}):(${ACCOUNT}):(key|alias)/(.+)$`,
);

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID_PATTERN.test(value);
}

export function isNamespaceName(value: string): boolean {
  return NAMESPACE_NAME_PATTERN.test(value);
}

/** The parts of an ARN that place a resource: its partition, region and account. */
export interface ArnPlace {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** A namespace ARN's partition, region, account and namespace id; undefined for any other string. */
export function parseNamespaceArn(arn: string): (ArnPlace & { readonly namespaceId: string }) | undefined {
  const match = NAMESPACE_ARN_PATTERN.exec(arn);
  if (match === null) return undefined;
  const [, partition = '', region = '', account = '', namespaceId = ''] = match;
  return { partition, region, account, namespaceId };
}

/** A queue ARN's partition, region, account and queue name; undefined for any other string. */
export function parseQueueArn(arn: string): (ArnPlace & { readonly name: string }) | undefined {
  const match = QUEUE_ARN_PATTERN.exec(arn);
  if (match === null) return undefined;
  const [, partition = '', region = '', account = '', name = ''] = match;
  return { partition, region, account, name };
}

/** The account a role ARN names; undefined for any other string. */
export function accountOfRoleArn(arn: string): string | undefined {
  return ROLE_ARN_PATTERN.exec(arn)?.[2];
}

/** The region an event bus ARN names; undefined for a bus name or any other string. */
export function regionOfEventBusArn(arn: string): string | undefined {
  return EVENT_BUS_ARN_PATTERN.exec(arn)?.[2];
}
