import { randomUUID } from 'node:crypto';
import { partitionOfRegion } from '../../accounts/partition.js';
import type { RequestContext } from '../../protocol/types.js';
import type { ServiceEvent } from '../contracts.js';

/** What CloudTrail writes instead of credentials. */
export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

const SENSITIVE_FIELDS = new Set(['adminUsername', 'adminUserPassword']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The parts of a call a CloudTrail record describes. */
export interface RecordedCall {
  readonly eventName: string;
  readonly ctx: RequestContext;
  /** When the call happened (the service's clock). */
  readonly at: number;
  readonly requestParameters: Record<string, unknown>;
  /** The response body; absent when the call failed. */
  readonly responseElements?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * The EventBridge event CloudTrail delivers for a Redshift Serverless management call, shaped
 * like /work/shared/samples/cloudtrail-create-namespace.json: credentials hidden, and dates
 * inside responseElements in CloudTrail's Java-style format ("Nov 25, 2026 9:15:38 AM"),
 * not ISO, because that is what consumers must cope with on AWS.
 */
export function cloudTrailEvent(call: RecordedCall): ServiceEvent {
  const { ctx } = call;
  const caller = callerOf(ctx);
  const detail: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity: userIdentityOf(ctx),
    eventTime: new Date(call.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'redshift-serverless.amazonaws.com',
    eventName: call.eventName,
    awsRegion: ctx.region,
    sourceIPAddress: caller.sourceIPAddress ?? '127.0.0.1',
    userAgent: caller.userAgent ?? 'copy-autopilot-local-cloud',
    errorCode: call.error?.code,
    errorMessage: call.error?.message,
    requestParameters: hideSensitive(call.requestParameters),
    responseElements: call.error === undefined ? toCloudTrailElements(call.responseElements) : null,
    requestID: ctx.requestId,
    eventID: randomUUID(),
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ctx.account,
    eventCategory: 'Management',
  };
  return {
    source: 'aws.redshift-serverless',
    detailType: 'AWS API Call via CloudTrail',
    detail,
    resources: [],
    region: ctx.region,
    account: ctx.account,
  };
}

/**
 * The record's userIdentity: a role session as CloudTrail writes one (type AssumedRole, the
 * session's ARN, and the role that issued it), anyone else as the local IAM user.
 */
function userIdentityOf(ctx: RequestContext): Record<string, unknown> {
  const { caller } = ctx;
  const accessKeyId = caller?.accessKeyId;
  if (caller?.roleArn !== undefined) {
    const roleId = caller.userId.split(':')[0];
    return {
      type: 'AssumedRole',
      principalId: caller.userId,
      arn: caller.arn,
      accountId: caller.account,
      accessKeyId,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: roleId,
          arn: caller.roleArn,
          accountId: caller.account,
          userName: caller.roleArn.slice(caller.roleArn.lastIndexOf('/') + 1),
        },
        attributes: { mfaAuthenticated: 'false' },
      },
    };
  }
  return {
    type: 'IAMUser',
    principalId: 'AIDALOCALCLOUDUSER0000',
    arn: `arn:${partitionOfRegion(ctx.region)}:iam::${ctx.account}:user/local`,
    accountId: ctx.account,
    accessKeyId: accessKeyId ?? 'AKIALOCALCLOUD000000',
    userName: 'local',
  };
}

/** `Nov 25, 2026 9:15:38 AM` (UTC), the format CloudTrail gives dates in responseElements. */
export function formatCloudTrailDate(epochMilliseconds: number): string {
  const date = new Date(epochMilliseconds);
  const hours = date.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const seconds = String(date.getUTCSeconds()).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hour12}:${minutes}:${seconds} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** Optional request details an edge server may add to its RequestContext (the caller's key is in `ctx.caller`). */
interface CallerDetails {
  readonly userAgent?: string;
  readonly sourceIPAddress?: string;
}

function callerOf(ctx: RequestContext): CallerDetails {
  const extra = ctx as RequestContext & Record<string, unknown>;
  const text = (key: string) => (typeof extra[key] === 'string' ? (extra[key] as string) : undefined);
  return {
    userAgent: text('userAgent'),
    sourceIPAddress: text('sourceIp') ?? text('sourceIPAddress'),
  };
}

function hideSensitive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideSensitive);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      // A member the call left out stays out: there is nothing to hide.
      SENSITIVE_FIELDS.has(key) && member !== undefined ? HIDDEN : hideSensitive(member),
    ]),
  );
}

/** Response bodies with credentials hidden, ISO dates rewritten, and an empty body as null. */
function toCloudTrailElements(response: unknown): unknown {
  if (typeof response === 'object' && response !== null && Object.keys(response).length === 0) return null;
  return rewriteDates(hideSensitive(response));
}

function rewriteDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteDates);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      key === 'creationDate' && typeof member === 'string'
        ? formatCloudTrailDate(Date.parse(member))
        : rewriteDates(member),
    ]),
  );
}
