/**
 * The CloudWatch metrics copy-autopilot emits (EMF, through Powertools Metrics). The names are
 * a public contract: alarms and the dashboard in serverless.yml and the README's Monitoring
 * section refer to them, so they change only with both.
 */
export const METRICS_NAMESPACE = 'CopyAutopilot';
export const SERVICE_NAME = 'copy-autopilot';

export const MetricName = {
  /** Records in the batches the worker received (every invocation publishes at least this). */
  RecordsReceived: 'RecordsReceived',
  /** A copy configuration was created. */
  Protected: 'Protected',
  /** The desired configuration already existed; nothing was written. */
  AlreadyConfigured: 'AlreadyConfigured',
  /** An existing configuration's retention was changed to the policy's (onExisting: update). */
  RetentionUpdated: 'RetentionUpdated',
  /** A configuration exists with other settings than the policy wants and was left alone. */
  Drift: 'Drift',
  /** A configuration someone deleted or changed was put back (the rule's onDeleted: restore). */
  Restored: 'Restored',
  /** A configuration someone deleted or changed was reported and left as it is (onDeleted: report). */
  DeletionReported: 'DeletionReported',
  /** A policy rule said `skip: true`. */
  Skipped: 'Skipped',
  /** No policy rule matched; the namespace was left alone. */
  Unmatched: 'Unmatched',
  /** A record went back to the queue to be retried; dimension ErrorName. */
  Retried: 'Retried',
  /** A record was sent to the DLQ; dimension Reason. */
  DeadLettered: 'DeadLettered',
  /** Seconds from the event's time to the configuration existing. */
  TimeToProtection: 'TimeToProtection',
  /** (account, region) targets the sweep planner sent to the sweep-task queue, per run. */
  SweepTargetsPlanned: 'SweepTargetsPlanned',
  /** Non-compliant namespaces the sweep worker requested protection for, per target. */
  SweepEnqueued: 'SweepEnqueued',
  /** Namespaces the sweep worker looked at, per target. */
  SweepNamespacesSeen: 'SweepNamespacesSeen',
  /** A target the sweep worker gave up on, sent to the task DLQ with its reason; dimension Reason. */
  SweepTargetDeadLettered: 'SweepTargetDeadLettered',
} as const;
export type MetricName = (typeof MetricName)[keyof typeof MetricName];
