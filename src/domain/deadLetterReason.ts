import { TargetRefusalReason } from './scope/decideTarget.js';

/**
 * The Reason attribute of a dead letter, and the Reason dimension of its metric: contracts with
 * alarms and runbooks, so the values change only with them. Stated here, beside each other, for
 * the one table that decides them (classifyServiceError.ts).
 */

/**
 * Why a message could not become a copy request (src/events raises these, as
 * EventParseError's `reason`).
 */
export const ParseFailureReason = {
  /** The SQS body is not JSON, or not a JSON object. */
  MalformedBody: 'MalformedBody',
  /** The event's `source` / `detail-type` pair is not one copy-autopilot subscribes to. */
  UnknownEvent: 'UnknownEvent',
  /** A known event whose fields are missing, of the wrong type, or out of range. */
  InvalidRequest: 'InvalidRequest',
} as const;
export type ParseFailureReason = (typeof ParseFailureReason)[keyof typeof ParseFailureReason];

/** Why AWS, or the target, will answer the same however often it is asked: both DLQs use these. */
const RefusalReason = {
  /** AWS refused the request in a way no retry fixes (ValidationException, AccessDenied, …). */
  NonRetryableError: 'NonRetryableError',
  /**
   * The region refuses the credentials (UnrecognizedClientException, InvalidClientTokenId): an
   * opt-in region the account has not enabled.
   */
  RegionNotReachable: 'RegionNotReachable',
  /**
   * AccountNotManaged: the account is not the stack's own and not in the policy's scope, or its
   * member role refused AssumeRole. RegionNotManaged: the region is outside the scope. Both are
   * decided before any Redshift Serverless call.
   */
  ...TargetRefusalReason,
} as const;

/** Why the copy worker sent a record to the requests DLQ without (more) retries. */
export const DeadLetterReason = {
  ...ParseFailureReason,
  ...RefusalReason,
  /** The policy file failed validation at cold start, or a rule cannot apply to this namespace. */
  PolicyInvalid: 'PolicyInvalid',
  /** A namespace named only by ARN is not in ListNamespaces. */
  NamespaceNotFound: 'NamespaceNotFound',
} as const;
export type DeadLetterReason = (typeof DeadLetterReason)[keyof typeof DeadLetterReason];

/** Why the sweep worker gave up on an (account, region): the Reason of SweepTargetDeadLettered. */
export const SweepTargetDeadLetterReason = {
  ...RefusalReason,
  /** The message is not a sweep task (not JSON, no 12-digit account, no region code). */
  MalformedTask: 'MalformedTask',
  /** Throttling, server or network errors still failing on the last attempt. */
  RetriesExhausted: 'RetriesExhausted',
  /** The target was listed, but some namespaces could not be read or requested on the last attempt. */
  SweepIncomplete: 'SweepIncomplete',
} as const;
export type SweepTargetDeadLetterReason =
  (typeof SweepTargetDeadLetterReason)[keyof typeof SweepTargetDeadLetterReason];

/** Any reason the table gives: a record's or a task's. */
export type FailureReason = DeadLetterReason | SweepTargetDeadLetterReason;
