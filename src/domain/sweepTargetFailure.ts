import { type BackoffOptions, backoffSeconds } from './backoff.js';
import { classifyServiceError, ErrorDisposition } from './classifyServiceError.js';
import { CopyAutopilotError } from './errors.js';
import { TargetRefusalReason } from './scope/decideTarget.js';
import { AccountNotManagedError } from './scope/errors.js';

/**
 * Why the sweep worker gave up on an (account, region): a message attribute on the task's dead
 * letter and the Reason dimension of SweepTargetDeadLettered. A contract with alarms and runbooks.
 */
export const SweepTargetDeadLetterReason = {
  /** The message is not a sweep task (not JSON, no 12-digit account, no region code). */
  MalformedTask: 'MalformedTask',
  /**
   * AccountNotManaged: the account is not in the policy's scope, or its member role refused
   * AssumeRole (missing, or not trusting the sweep worker: ErrorName AccessDenied).
   * RegionNotManaged: the region is outside the scope. The copy worker's words for the same.
   */
  ...TargetRefusalReason,
  /** The region refuses the credentials (UnrecognizedClient): an opt-in region the account has not enabled. */
  RegionNotReachable: 'RegionNotReachable',
  /** AWS refused in a way no retry fixes: the role lacks a permission (AccessDeniedException), a validation error. */
  NonRetryableError: 'NonRetryableError',
  /** Throttling, server or network errors still failing on the last attempt. */
  RetriesExhausted: 'RetriesExhausted',
  /** The target was listed, but some namespaces could not be read or requested on the last attempt. */
  SweepIncomplete: 'SweepIncomplete',
} as const;
export type SweepTargetDeadLetterReason =
  (typeof SweepTargetDeadLetterReason)[keyof typeof SweepTargetDeadLetterReason];

/** A target was swept, but not all of it: some namespaces were unreadable or not requested. */
export class SweepIncompleteError extends CopyAutopilotError {
  public readonly unreadable: number;
  public readonly notRequested: number;

  public constructor(unreadable: number, notRequested: number, firstError: string) {
    super(
      `sweep incomplete: ${unreadable} namespace(s) unreadable, ${notRequested} request(s) not accepted by EventBridge (first error: ${firstError})`,
    );
    this.name = 'SweepIncompleteError';
    this.unreadable = unreadable;
    this.notRequested = notRequested;
  }
}

/** The policy's scope does not manage the task's account or region (decideTarget said so). */
export class TargetRefusedError extends CopyAutopilotError {
  public readonly reason: TargetRefusalReason;
  /** Read by `classifyServiceError`: the same task would be refused again. */
  public readonly deadLetter = true;

  public constructor(reason: TargetRefusalReason, message: string) {
    super(message);
    this.name = 'TargetRefusedError';
    this.reason = reason;
  }
}

/** What to do with a task whose sweep failed. */
export type SweepTargetFailure =
  | {
      readonly kind: 'retry';
      readonly errorName: string;
      readonly message: string;
      /** The task's next visibility timeout (the backoff). */
      readonly delaySeconds: number;
    }
  | {
      readonly kind: 'dead-letter';
      readonly reason: SweepTargetDeadLetterReason;
      readonly errorName: string;
      readonly message: string;
    };

export interface SweepAttempt {
  /** Deliveries of the task so far (ApproximateReceiveCount). */
  readonly attempts: number;
  /** The task queue's maxReceiveCount: the last attempt dead-letters with the reason itself. */
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  readonly random?: () => number;
}

/** What a region the account has not enabled answers to credentials it does not know. */
const REGION_NOT_REACHABLE = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);

/**
 * Decides the fate of a task whose sweep threw. Unreachable targets (an account out of scope
 * or whose member role refuses AssumeRole, a region not enabled) and errors no retry fixes are
 * dead-lettered at once with their reason; transient ones (throttling, 5xx, network, an incomplete sweep) are retried with the
 * backoff, and dead-lettered by the worker itself on the last attempt, so the reason is not lost
 * to a plain redrive. Pure.
 */
export function decideSweepTargetFailure(error: unknown, attempt: SweepAttempt): SweepTargetFailure {
  const { disposition, errorName, message } = classifyServiceError(error);
  const deadLetter = (reason: SweepTargetDeadLetterReason, name = errorName): SweepTargetFailure => ({
    kind: 'dead-letter',
    reason,
    errorName: name,
    message,
  });
  if (error instanceof AccountNotManagedError) {
    // ErrorName says what refused (STS's AccessDenied), Reason what it means: as the copy worker does.
    return deadLetter(
      error.reason,
      error.cause === undefined ? errorName : classifyServiceError(error.cause).errorName,
    );
  }
  if (error instanceof TargetRefusedError) return deadLetter(error.reason);
  if (errorName === 'SweepTaskParseError') return deadLetter(SweepTargetDeadLetterReason.MalformedTask);
  if (REGION_NOT_REACHABLE.has(errorName)) return deadLetter(SweepTargetDeadLetterReason.RegionNotReachable);
  if (disposition === ErrorDisposition.DeadLetter)
    return deadLetter(SweepTargetDeadLetterReason.NonRetryableError);
  if (attempt.attempts >= attempt.maxAttempts) {
    return deadLetter(
      errorName === 'SweepIncompleteError'
        ? SweepTargetDeadLetterReason.SweepIncomplete
        : SweepTargetDeadLetterReason.RetriesExhausted,
    );
  }
  return {
    kind: 'retry',
    errorName,
    message,
    delaySeconds: backoffSeconds(attempt.attempts, attempt.backoff, attempt.random),
  };
}
