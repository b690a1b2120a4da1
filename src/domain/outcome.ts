import { MetricName } from '../observability/metricNames.js';
import type { CopySettings } from './copyConfiguration.js';
import type { Retry } from './decideFailure.js';
import type { DriftKind } from './planCopyConfiguration.js';

/** What is known about a record when its outcome is decided; every field as far as parsing got. */
export interface OutcomeContext {
  readonly eventId?: string;
  /** The namespace name, or its ARN when the name is not known. */
  readonly namespace?: string;
  readonly account?: string;
  readonly region?: string;
  readonly rule?: string;
  /** ISO-8601 time of the event; time-to-protection counts from here. */
  readonly requestedAt?: string;
  /** The idempotent unit had already run for this event and desired state; its result was replayed. */
  readonly duplicate?: boolean;
}

/**
 * The configuration part of an outcome: what the idempotent unit returns (JSON-serialisable).
 * Each carries `desired`, the policy's copy as the decision made it.
 */
export type EnsureOutcome =
  | { readonly kind: 'protected'; readonly configurationId: string; readonly desired: CopySettings }
  | {
      readonly kind: 'already-configured';
      readonly configurationId: string;
      readonly desired: CopySettings;
      /** Set when retention differs and the rule says `onExisting: keep`. */
      readonly keptRetentionDays?: number;
    }
  | {
      readonly kind: 'retention-updated';
      readonly configurationId: string;
      readonly desired: CopySettings;
      readonly fromDays: number;
      readonly toDays: number;
    }
  | {
      readonly kind: 'drift';
      readonly drift: DriftKind;
      readonly configurationId: string;
      readonly existing: CopySettings;
      readonly desired: CopySettings;
    };

/**
 * The answer to a deletion or change of a configuration (CloudTrail Delete/Update
 * SnapshotCopyConfiguration): put back, or reported with nothing written.
 */
export type ChangeOutcome =
  | {
      /** The policy's configuration was put back (onDeleted: restore). */
      readonly kind: 'restored';
      readonly configurationId: string;
      readonly desired: CopySettings;
      /** `create`: it had been deleted; `retention-update`: its retention had been changed. */
      readonly restoredBy: 'create' | 'retention-update';
      readonly fromDays?: number;
      readonly toDays?: number;
    }
  | {
      /** It is missing or not what the policy wants, and the rule says onDeleted: report. */
      readonly kind: 'deletion-reported';
      readonly desired: CopySettings;
      /** The configuration as it is now; absent when the namespace has none. */
      readonly existing?: CopySettings & { readonly configurationId: string };
    };

/** How one SQS record ended. The handler turns it into SQS calls, a log line and metrics. */
export type RecordOutcome = OutcomeContext &
  (
    | EnsureOutcome
    | ChangeOutcome
    | { readonly kind: 'skipped' }
    | { readonly kind: 'unmatched' }
    /** A valid event that needs no work (a failed CloudTrail call). */
    | { readonly kind: 'ignored'; readonly reason: string }
    | Retry
    | {
        readonly kind: 'dead-lettered';
        readonly reason: string;
        readonly errorName: string;
        readonly message: string;
      }
  );

export type RecordOutcomeKind = RecordOutcome['kind'];

/** One EMF metric (count 1) for an outcome. */
export interface OutcomeMetric {
  readonly name: MetricName;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/**
 * The metric an outcome counts towards; undefined for ignored records (nothing to count) and
 * for duplicates (the first delivery counted it already).
 */
export function metricFor(outcome: RecordOutcome): OutcomeMetric | undefined {
  if (outcome.duplicate === true) return undefined;
  switch (outcome.kind) {
    case 'protected':
      return { name: MetricName.Protected };
    case 'already-configured':
      return { name: MetricName.AlreadyConfigured };
    case 'retention-updated':
      return { name: MetricName.RetentionUpdated };
    case 'drift':
      return { name: MetricName.Drift };
    case 'restored':
      return { name: MetricName.Restored };
    case 'deletion-reported':
      return { name: MetricName.DeletionReported };
    case 'skipped':
      return { name: MetricName.Skipped };
    case 'unmatched':
      return { name: MetricName.Unmatched };
    case 'ignored':
      return undefined;
    case 'retry':
      return { name: MetricName.Retried, dimensions: { ErrorName: outcome.errorName } };
    case 'dead-lettered':
      return { name: MetricName.DeadLettered, dimensions: { Reason: outcome.reason } };
  }
}

export type OutcomeLogLevel = 'info' | 'warn' | 'error';

/**
 * Drift, reported deletions and retries need a look if they persist; dead letters need one now,
 * and so does a retry of an error nobody knows (it may be a bug).
 */
export function logLevelFor(outcome: RecordOutcome): OutcomeLogLevel {
  switch (outcome.kind) {
    case 'drift':
    case 'deletion-reported':
      return 'warn';
    case 'retry':
      return outcome.knownError ? 'warn' : 'error';
    case 'dead-lettered':
      return 'error';
    default:
      return 'info';
  }
}

/**
 * An ensure result as the answer to a deletion or change: a configuration created or set back
 * is `restored`; anything else (already as the policy wants it, drift) stays what it was.
 */
export function asRestoration<T extends EnsureOutcome & { readonly duplicate?: boolean }>(
  result: T,
): T | (ChangeOutcome & { readonly duplicate?: boolean }) {
  switch (result.kind) {
    case 'protected':
      return {
        kind: 'restored',
        configurationId: result.configurationId,
        desired: result.desired,
        restoredBy: 'create',
        duplicate: result.duplicate,
      };
    case 'retention-updated':
      return {
        kind: 'restored',
        configurationId: result.configurationId,
        desired: result.desired,
        restoredBy: 'retention-update',
        fromDays: result.fromDays,
        toDays: result.toDays,
        duplicate: result.duplicate,
      };
    default:
      return result;
  }
}

/**
 * Seconds from the request to the configuration existing, for a record that created one (or
 * restored one someone deleted or changed); undefined otherwise (or when the event time is unusable).
 */
export function timeToProtectionSeconds(outcome: RecordOutcome, nowMs: number): number | undefined {
  const created = outcome.kind === 'protected' || outcome.kind === 'restored';
  if (!created || outcome.duplicate === true || outcome.requestedAt === undefined) {
    return undefined;
  }
  const requested = Date.parse(outcome.requestedAt);
  if (Number.isNaN(requested)) return undefined;
  return Math.max(0, (nowMs - requested) / 1000);
}
