/**
 * The EventBridge events copy-autopilot consumes. The rules in serverless.yml, the sweep that
 * puts requests, and the samples in events/ use these same strings.
 */
export const EventSource = {
  /** CloudTrail management events recorded for Redshift Serverless. */
  RedshiftServerless: 'aws.redshift-serverless',
  /** Requests put on the bus by an operator or by the scheduled sweep. */
  CopyAutopilot: 'copy-autopilot',
} as const;
export type EventSource = (typeof EventSource)[keyof typeof EventSource];

export const DetailType = {
  CloudTrailApiCall: 'AWS API Call via CloudTrail',
  SnapshotCopyRequested: 'Snapshot Copy Requested',
} as const;
export type DetailType = (typeof DetailType)[keyof typeof DetailType];

/** The bus an event goes to when none is named: the account's default bus, in each region. */
export const DEFAULT_EVENT_BUS = 'default';

/** `detail.eventSource` of CloudTrail records for the Redshift Serverless API. */
export const REDSHIFT_SERVERLESS_EVENT_SOURCE = 'redshift-serverless.amazonaws.com';

/** The CloudTrail calls that make a namespace need (another look at) its copy configuration. */
export const CloudTrailEventName = {
  CreateNamespace: 'CreateNamespace',
  TagResource: 'TagResource',
  UntagResource: 'UntagResource',
  /** Someone removed a copy configuration: restore it (or report it) per the rule's onDeleted. */
  DeleteSnapshotCopyConfiguration: 'DeleteSnapshotCopyConfiguration',
  /** Someone changed one (retention is all AWS lets change); the worker's own updates land here too. */
  UpdateSnapshotCopyConfiguration: 'UpdateSnapshotCopyConfiguration',
} as const;
export type CloudTrailEventName = (typeof CloudTrailEventName)[keyof typeof CloudTrailEventName];
