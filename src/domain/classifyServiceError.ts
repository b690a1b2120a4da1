import { CopyAutopilotError } from './errors.js';
import { truncate } from './truncate.js';

/** What the worker does with a record whose processing threw. */
export const ErrorDisposition = {
  /** Report a batch item failure with a backoff; SQS redrive dead-letters it after maxReceiveCount. */
  Retry: 'retry',
  /** Send it to the DLQ now, with the error as message attributes, and acknowledge it. */
  DeadLetter: 'dead-letter',
} as const;
export type ErrorDisposition = (typeof ErrorDisposition)[keyof typeof ErrorDisposition];

export interface ErrorClassification {
  readonly disposition: ErrorDisposition;
  /** The SDK exception name, our error's name, or a network error code; at most 64 characters. */
  readonly errorName: string;
  /** At most 256 characters: it becomes a log field and an SQS message attribute. */
  readonly message: string;
}

/** Longest message kept; the DLQ attribute and the log line must not carry a whole response. */
export const MAX_CLASSIFIED_MESSAGE_LENGTH = 256;
const MAX_ERROR_NAME_LENGTH = 64;
/** How many `cause` links of our own wrapping errors are followed to reach the SDK error. */
const MAX_CAUSE_DEPTH = 5;
const NO_MESSAGE = '(no message)';

/** The service says the request itself is wrong, or not allowed: the same call fails the same way. */
const DEAD_LETTER_NAMES: ReadonlySet<string> = new Set([
  'ValidationException',
  'AccessDeniedException',
  // STS's name for the same refusal: AssumeRole into a member account whose role is missing or
  // does not trust the worker.
  'AccessDenied',
  'ServiceQuotaExceededException',
  'ResourceNotFoundException',
]);

/** Our own errors that no retry can fix, matched by name for the ones that do not set `deadLetter`. */
const OWN_DEAD_LETTER_NAMES: ReadonlySet<string> = new Set([
  'EventParseError',
  'MalformedBodyError',
  'UnknownEventError',
  'InvalidRequestError',
  'PolicyValidationError',
]);

/**
 * Transient by nature: ConflictException is "an operation is running on the namespace";
 * IdempotencyAlreadyInProgressError (Powertools, matched by name so the domain stays free of
 * it) is another delivery of the same event still being processed.
 */
const RETRY_NAMES: ReadonlySet<string> = new Set([
  'ConflictException',
  'InternalServerException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'IdempotencyAlreadyInProgressError',
]);

/** Socket and timeout failures: Node error codes and the SDK's abort/timeout error names. */
const NETWORK_ERRORS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'TimeoutError',
  'AbortError',
]);

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly deadLetter?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/**
 * Decides whether a failed record is retried (with backoff, then redrive) or dead-lettered at
 * once, per the error table in DESIGN.md section 4. Pure: SDK errors are recognised by shape
 * (`name`, `$metadata.httpStatusCode`, `$fault`, `code`), not by class, so this module imports
 * no SDK.
 *
 * Unknown errors are retried: a bug or an unforeseen fault then reaches the DLQ through redrive
 * after maxReceiveCount, while a transient one we did not list gets its chance to pass.
 *
 * @param error - whatever was thrown
 */
export function classifyServiceError(error: unknown): ErrorClassification {
  return classify(error, 0);
}

function classify(error: unknown, depth: number): ErrorClassification {
  if (typeof error !== 'object' || error === null) {
    // A thrown primitive (a string, usually): String() of a primitive cannot throw.
    return result(ErrorDisposition.Retry, 'UnknownError', String(error));
  }
  const candidate = error as ErrorLike;
  const name = errorNameOf(candidate);
  // No String(error) on objects: it can throw, and it says "[object Object]" at best.
  const message = typeof candidate.message === 'string' ? candidate.message : NO_MESSAGE;

  if (error instanceof CopyAutopilotError) {
    // An explicit flag on our error wins; otherwise a wrapper of ours is as retryable as its cause.
    if (typeof candidate.deadLetter === 'boolean') {
      return result(
        candidate.deadLetter ? ErrorDisposition.DeadLetter : ErrorDisposition.Retry,
        name,
        message,
      );
    }
    if (OWN_DEAD_LETTER_NAMES.has(name)) return result(ErrorDisposition.DeadLetter, name, message);
    if (typeof candidate.cause === 'object' && candidate.cause !== null && depth < MAX_CAUSE_DEPTH) {
      return classify(candidate.cause, depth + 1);
    }
    return result(ErrorDisposition.Retry, name, message);
  }
  if (OWN_DEAD_LETTER_NAMES.has(name) || DEAD_LETTER_NAMES.has(name)) {
    return result(ErrorDisposition.DeadLetter, name, message);
  }
  // Known transient errors (isKnownTransientError) and unknown ones alike.
  return result(ErrorDisposition.Retry, name, message);
}

/** The names AWS gives a refusal on permissions: STS says AccessDenied, most services AccessDeniedException. */
const ACCESS_DENIED_NAMES: ReadonlySet<string> = new Set(['AccessDenied', 'AccessDeniedException']);

/**
 * Whether `error` is AWS refusing the caller's permissions (STS AssumeRole on a role that does
 * not trust us, or a service call the role may not make). Recognised by name, like the rest.
 */
export function isAccessDeniedError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return ACCESS_DENIED_NAMES.has(errorNameOf(error as ErrorLike));
}

/**
 * Whether `error` is one of the transient errors of the DESIGN.md table (throttling, conflict,
 * 5xx, network, idempotency in progress), as opposed to an unknown error that is retried only
 * for lack of knowledge. The worker logs the first as a warning and the second as an error.
 */
export function isKnownTransientError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as ErrorLike;
  const name = errorNameOf(candidate);
  if (RETRY_NAMES.has(name) || NETWORK_ERRORS.has(name) || isServerFault(candidate)) return true;
  return error instanceof CopyAutopilotError && depth < MAX_CAUSE_DEPTH
    ? isKnownTransientError(candidate.cause, depth + 1)
    : false;
}

function isServerFault(error: ErrorLike): boolean {
  const status = error.$metadata?.httpStatusCode;
  return error.$fault === 'server' || (typeof status === 'number' && status >= 500);
}

/**
 * The most telling name: Node socket errors are plain `Error`s whose identity is their `code`
 * (ECONNRESET), so the code wins over a generic name.
 */
function errorNameOf(error: ErrorLike): string {
  const name = typeof error.name === 'string' && error.name !== '' ? error.name : undefined;
  const code = typeof error.code === 'string' && error.code !== '' ? error.code : undefined;
  if (code !== undefined && (name === undefined || name === 'Error' || NETWORK_ERRORS.has(code))) return code;
  return name ?? 'UnknownError';
}

function result(disposition: ErrorDisposition, errorName: string, message: string): ErrorClassification {
  return {
    disposition,
    errorName: truncate(errorName, MAX_ERROR_NAME_LENGTH),
    message: truncate(message, MAX_CLASSIFIED_MESSAGE_LENGTH),
  };
}
