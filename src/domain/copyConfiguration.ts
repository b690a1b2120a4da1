/** Retention as the API speaks it: 1–3653 days, or -1 for indefinite. */
export const INDEFINITE_RETENTION = -1;

/**
 * A snapshot copy, in our words: where a namespace's snapshots are copied to, with which key,
 * kept how long. What a policy rule's `copyTo` says (the same keys), what the worker carries
 * unchanged from the policy's decision through the idempotency key, the ensure step and the
 * outcomes to the Redshift Serverless adapter, and what an existing configuration has. Only
 * src/aws knows the API's names for it (destinationRegion, destinationKmsKeyId,
 * snapshotRetentionPeriod).
 */
export interface CopySettings {
  /** The destination region. */
  readonly region: string;
  /** Absent (or undefined) for an AWS-owned key. */
  readonly kmsKeyId?: string;
  /** Days, or INDEFINITE_RETENTION. */
  readonly retentionDays: number;
}

/**
 * A snapshot copy configuration as AWS reports it: its settings (`kmsKeyId` absent when AWS
 * uses its own key, which the API reports as `AWS_OWNED_KMS_KEY`), and what names it.
 */
export interface CopyConfiguration extends CopySettings {
  readonly id: string;
  readonly arn?: string;
  readonly namespaceName: string;
}

/** The settings alone, without what names a configuration: what outcomes and logs carry. */
export function copySettingsOf(copy: CopySettings): CopySettings {
  return { region: copy.region, kmsKeyId: copy.kmsKeyId, retentionDays: copy.retentionDays };
}

/**
 * A retention as a person reads it, the one way every report says it: `indefinite`, `1 day`,
 * `30 days`; `short` for a table cell: `indefinite`, `30d`.
 */
export function describeRetention(days: number, style: 'long' | 'short' = 'long'): string {
  if (days === INDEFINITE_RETENTION) return 'indefinite';
  if (style === 'short') return `${days}d`;
  return days === 1 ? '1 day' : `${days} days`;
}

/** What AWS reports as the KMS key when the copy is encrypted with an AWS-owned key. */
export const AWS_OWNED_KMS_KEY = 'AWS_OWNED_KMS_KEY';

/** One spelling for "no customer key": undefined, '' and AWS_OWNED_KMS_KEY all mean it. */
export function normalizeKmsKeyId(kmsKeyId: string | undefined): string | undefined {
  return kmsKeyId === undefined || kmsKeyId === '' || kmsKeyId === AWS_OWNED_KMS_KEY ? undefined : kmsKeyId;
}
