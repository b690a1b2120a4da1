import { type BackoffOptions, backoffSeconds } from './backoff.js';
import { classifyServiceError, ErrorDisposition } from './classifyServiceError.js';
import type { FailureReason } from './deadLetterReason.js';

/** A failure decided "retry": what both workers carry out (the record or task back on its queue after `delaySeconds`). */
export interface Retry {
  readonly kind: 'retry';
  readonly errorName: string;
  readonly message: string;
  /** The next visibility timeout: the backoff of this attempt. */
  readonly delaySeconds: number;
  /** As classified: false for an error the table does not know, which is logged as an error. */
  readonly knownError: boolean;
}

/** A failure decided "dead-letter now", with the reason the dead letter carries. */
export interface DeadLetterNow {
  readonly kind: 'dead-letter';
  readonly reason: FailureReason;
  readonly errorName: string;
  readonly message: string;
}

/** What to do with a record or task whose processing threw. */
export type FailureDecision = Retry | DeadLetterNow;

export interface FailedAttempt {
  /** Deliveries of the record or task so far (ApproximateReceiveCount). */
  readonly attempts: number;
  /**
   * The queue's maxReceiveCount, when the worker dead-letters the last attempt itself (the sweep
   * worker, so a task keeps the reason its retries were for); absent when SQS redrive does it
   * (the copy worker).
   */
  readonly maxAttempts?: number;
  readonly backoff: BackoffOptions;
  readonly random?: () => number;
}

/**
 * The fate of a record or task whose processing threw, from classifyServiceError's table: what
 * no retry fixes (a target outside the scope or whose member role refuses AssumeRole, a region
 * not enabled, a refused request, a message that cannot be read) is dead-lettered at once with
 * its reason; the rest (throttling, 5xx, network, an incomplete sweep, an unknown error) is
 * retried with the backoff of its attempt, and, given `maxAttempts`, dead-lettered on the last
 * attempt with the reason the retries were for. Pure.
 */
export function decideFailure(error: unknown, attempt: FailedAttempt): FailureDecision {
  const { disposition, reason, errorName, message, knownError } = classifyServiceError(error);
  const lastAttempt = attempt.maxAttempts !== undefined && attempt.attempts >= attempt.maxAttempts;
  if (disposition === ErrorDisposition.DeadLetter || lastAttempt) {
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
