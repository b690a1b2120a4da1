/**
 * A Redshift Serverless namespace, as the worker needs to address it: which account and
 * region it lives in (so the right client, possibly through an assumed role, is used) and its
 * name (the API keys every call on it).
 */
export interface NamespaceRef {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  /** Known when the request came from CloudTrail or a sweep; built from the parts otherwise. */
  readonly arn?: string;
}

/** Tags as the policy sees them: a plain map, keys case-sensitive like AWS's. */
export type Tags = Readonly<Record<string, string>>;

/** Where a request came from; recorded in logs, metrics and dead-letter attributes. */
export const RequestOrigin = {
  CloudTrail: 'cloudtrail',
  Manual: 'manual',
  Sweep: 'sweep',
  TagChange: 'tag-change',
  /** CloudTrail DeleteSnapshotCopyConfiguration: someone removed the namespace's configuration. */
  ConfigurationDeleted: 'configuration-deleted',
  /** CloudTrail UpdateSnapshotCopyConfiguration: someone (or the worker itself) changed it. */
  ConfigurationChanged: 'configuration-changed',
} as const;
export type RequestOrigin = (typeof RequestOrigin)[keyof typeof RequestOrigin];

/**
 * One unit of work for the copy worker: one namespace, from one EventBridge event.
 * `eventId` is the EventBridge event id, the half of the idempotency key that tells two
 * deliveries of the same event apart from two different requests.
 */
export interface CopyRequest {
  readonly eventId: string;
  readonly origin: RequestOrigin;
  readonly namespace: NamespaceRef | NamespaceByArn;
  /** Tags carried by the event itself (CloudTrail request parameters); the worker still reads live tags. */
  readonly eventTags?: Tags;
  /** ISO-8601 time of the event envelope; used for time-to-protection. */
  readonly requestedAt: string;
}

/**
 * A namespace known only by ARN (CloudTrail TagResource/UntagResource events name the resource
 * by ARN, whose last part is the namespace id, not its name). The worker looks the name up.
 */
export interface NamespaceByArn {
  readonly account: string;
  readonly region: string;
  readonly arn: string;
}

export function isNamedNamespace(ns: NamespaceRef | NamespaceByArn): ns is NamespaceRef {
  return 'name' in ns && typeof ns.name === 'string';
}

/** Whether a request answers a deletion or change of the configuration (the rule's onDeleted applies). */
export function isConfigurationChange(origin: RequestOrigin): boolean {
  return origin === RequestOrigin.ConfigurationDeleted || origin === RequestOrigin.ConfigurationChanged;
}
