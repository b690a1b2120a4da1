import { type BackoffOptions, backoffSeconds } from './backoff.js';
import { classifyServiceError, ErrorDisposition, type Retry } from './classifyServiceError.js';
import type { FailureReason } from './deadLetterReason.js';
import { CopyAutopilotError } from './errors.js';
import type { TargetRefusalReason } from './scope/decideTarget.js';

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

/**
 * The policy's scope does not manage the task's account or region (decideTarget said so). The
 * same task would be refused again: dead-lettered at once with `reason`.
 */
export class TargetRefusedError extends CopyAutopilotError {
  public readonly reason: TargetRefusalReason;

  public constructor(reason: TargetRefusalReason, message: string) {
    super(message);
    this.name = 'TargetRefusedError';
    this.reason = reason;
  }
}

/** What to do with a task whose sweep failed. */
export type SweepTargetFailure =
  | Retry
  | {
      readonly kind: 'dead-letter';
      readonly reason: FailureReason;
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

/**
 * Decides the fate of a task whose sweep threw, from classifyServiceError's table: what no retry
 * fixes (a target outside the scope or whose member role refuses AssumeRole, a region not
 * enabled, a refused request, a message that is not a task) is dead-lettered at once with its
 * reason; the rest (throttling, 5xx, network, an incomplete sweep) is retried with the backoff,
 * and dead-lettered by the worker itself on the last attempt with the reason the retries were
 * for, so it is not lost to a plain redrive. Pure.
 */
export function decideSweepTargetFailure(error: unknown, attempt: SweepAttempt): SweepTargetFailure {
  const { disposition, reason, errorName, message, knownError } = classifyServiceError(error);
  if (disposition === ErrorDisposition.DeadLetter || attempt.attempts >= attempt.maxAttempts) {
    return { kind: 'dead-letter', reason, errorName, message };
  }
  return {
    kind: 'retry',
    errorName,
    message,
    delaySeconds: backoffSeconds(attempt.attempts, attempt.backoff, attempt.random),
    knownError,
  };
}
