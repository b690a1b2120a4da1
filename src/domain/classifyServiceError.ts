import {
  DeadLetterReason,
  type FailureReason,
  ParseFailureReason,
  SweepTargetDeadLetterReason,
} from './deadLetterReason.js';
import { CopyAutopilotError } from './errors.js';
import { truncate } from './truncate.js';

/** What the worker does with a record (or a sweep task) whose processing threw. */
export const ErrorDisposition = {
  /** Report a batch item failure with a backoff; SQS redrive dead-letters it after maxReceiveCount. */
  Retry: 'retry',
  /** Send it to the DLQ now, with the error as message attributes, and acknowledge it. */
  DeadLetter: 'dead-letter',
} as const;
export type ErrorDisposition = (typeof ErrorDisposition)[keyof typeof ErrorDisposition];

export interface ErrorClassification {
  readonly disposition: ErrorDisposition;
  /**
   * Why it is given up on: at once for a dead letter; after the last attempt for a retried
   * error (the sweep worker dead-letters its last attempt itself; the copy worker leaves that
   * to SQS redrive).
   */
  readonly reason: FailureReason;
  /** The SDK exception name, our error's name, or a network error code; at most 64 characters. */
  readonly errorName: string;
  /** At most 256 characters: it becomes a log field and an SQS message attribute. */
  readonly message: string;
  /**
   * False for an error the table does not know (a bug, or a fault nobody foresaw): it is
   * retried for lack of knowledge, and logged at error level rather than as a warning.
   */
  readonly knownError: boolean;
}

/** Longest message kept; the DLQ attribute and the log line must not carry a whole response. */
export const MAX_CLASSIFIED_MESSAGE_LENGTH = 256;
const MAX_ERROR_NAME_LENGTH = 64;
/** How many `cause` links of our own wrapping errors are followed to reach the SDK error. */
const MAX_CAUSE_DEPTH = 5;
const NO_MESSAGE = '(no message)';

/** One row of the table: what an error of that name means for the record or task that failed. */
interface ErrorRow {
  readonly disposition: ErrorDisposition;
  /**
   * Absent on the one error of ours that carries its reason itself (TargetRefusedError). Its
   * ErrorName is that reason too: the copy worker names a scope refusal so, and nothing outside
   * refused it.
   */
  readonly reason?: FailureReason;
  /** ErrorName is that of the error it wraps: what refused (STS's AccessDenied), where Reason says what it means. */
  readonly namedByCause?: boolean;
}

/** Transient by nature: passes by itself, given time. */
const TRANSIENT_ERRORS = [
  // "An operation is running on the namespace".
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
  // Powertools: another delivery of the same event is still being processed.
  'IdempotencyAlreadyInProgressError',
  // Powertools: the record changed between its conditional write and its read (another delivery
  // removed or expired it): a race the next attempt does not meet.
  'IdempotencyItemNotFoundError',
  'IdempotencyInconsistentStateError',
];

/**
 * Errors of others that wrap the one that tells: Powertools' idempotency store failures carry
 * the DynamoDB error (throttling, a 5xx, a missing grant) as their cause.
 */
const FOREIGN_WRAPPING_ERRORS: ReadonlySet<string> = new Set(['IdempotencyPersistenceLayerError']);

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

const retry = (reason: FailureReason = SweepTargetDeadLetterReason.RetriesExhausted): ErrorRow => ({
  disposition: ErrorDisposition.Retry,
  reason,
});
const deadLetter = (reason?: FailureReason, namedByCause = false): ErrorRow => ({
  disposition: ErrorDisposition.DeadLetter,
  reason,
  namedByCause,
});

/**
 * THE table: every error name whose meaning is known, and what it calls for (DESIGN.md section 4).
 * SDK errors are recognised by name, not by class, so this module imports no SDK; our own errors
 * by the names their classes set.
 */
const ERROR_TABLE: ReadonlyMap<string, ErrorRow> = new Map<string, ErrorRow>([
  // AWS refuses the request itself: the same call fails the same way.
  ['ValidationException', deadLetter(DeadLetterReason.NonRetryableError)],
  ['AccessDeniedException', deadLetter(DeadLetterReason.NonRetryableError)],
  // STS's name for the same refusal: AssumeRole into a member account whose role is missing or
  // does not trust the worker.
  ['AccessDenied', deadLetter(DeadLetterReason.NonRetryableError)],
  ['ServiceQuotaExceededException', deadLetter(DeadLetterReason.NonRetryableError)],
  ['ResourceNotFoundException', deadLetter(DeadLetterReason.NonRetryableError)],
  // The region does not know the credentials: an opt-in region the account has not enabled.
  ['UnrecognizedClientException', deadLetter(DeadLetterReason.RegionNotReachable)],
  ['InvalidClientTokenId', deadLetter(DeadLetterReason.RegionNotReachable)],
  // Ours, for what no retry fixes: a message that cannot be read, a target outside the scope.
  ['MalformedBodyError', deadLetter(ParseFailureReason.MalformedBody)],
  ['UnknownEventError', deadLetter(ParseFailureReason.UnknownEvent)],
  ['InvalidRequestError', deadLetter(ParseFailureReason.InvalidRequest)],
  ['SweepTaskParseError', deadLetter(SweepTargetDeadLetterReason.MalformedTask)],
  ['PolicyValidationError', deadLetter(DeadLetterReason.NonRetryableError)],
  ['AccountNotManagedError', deadLetter(DeadLetterReason.AccountNotManaged, true)],
  // AccountNotManaged or RegionNotManaged, as decideTarget said: carried by the error.
  ['TargetRefusedError', deadLetter()],
  ...[...TRANSIENT_ERRORS, ...NETWORK_ERRORS].map((name): [string, ErrorRow] => [name, retry()]),
  // Some namespaces of a swept target could not be read or requested: the next attempt sweeps again.
  ['SweepIncompleteError', retry(SweepTargetDeadLetterReason.SweepIncomplete)],
]);

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly reason?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/**
 * The one decision between "retry" (with backoff, then redrive) and "dead-letter now", for the
 * copy worker's records and the sweep worker's tasks alike: parse errors, scope refusals, AWS
 * errors. Reads the error's name in ERROR_TABLE; one of our wrapping errors the table does not
 * name, or Powertools' idempotency store failure, is as retryable as what it wraps; a server
 * fault (5xx) is transient. Pure: SDK errors are recognised by shape (`name`,
 * `$metadata.httpStatusCode`, `$fault`, `code`), not by class.
 *
 * Anything else is unknown: retried, so a transient fault nobody listed gets its chance and a
 * bug still reaches the DLQ through redrive after maxReceiveCount, with `knownError: false`,
 * which the workers log at error level.
 *
 * @param error - whatever was thrown
 */
export function classifyServiceError(error: unknown): ErrorClassification {
  return classify(error, 0);
}

function classify(error: unknown, depth: number): ErrorClassification {
  if (typeof error !== 'object' || error === null) {
    // A thrown primitive (a string, usually): String() of a primitive cannot throw.
    return result(retry(), false, 'UnknownError', String(error));
  }
  const candidate = error as ErrorLike;
  const name = errorNameOf(candidate);
  // No String(error) on objects: it can throw, and it says "[object Object]" at best.
  const message = typeof candidate.message === 'string' ? candidate.message : NO_MESSAGE;
  const row = ERROR_TABLE.get(name);
  if (row !== undefined) {
    if (row.reason === undefined) {
      const carried = candidate.reason as FailureReason;
      return result({ ...row, reason: carried }, true, carried, message);
    }
    const cause =
      row.namedByCause === true && isObject(candidate.cause)
        ? classify(candidate.cause, depth + 1)
        : undefined;
    return result(row, true, cause?.errorName ?? name, message);
  }
  const wraps = error instanceof CopyAutopilotError || FOREIGN_WRAPPING_ERRORS.has(name);
  if (wraps && isObject(candidate.cause) && depth < MAX_CAUSE_DEPTH) {
    return classify(candidate.cause, depth + 1);
  }
  return result(retry(), isServerFault(candidate), name, message);
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

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
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

function result(row: ErrorRow, knownError: boolean, errorName: string, message: string): ErrorClassification {
  return {
    disposition: row.disposition,
    reason: row.reason ?? DeadLetterReason.NonRetryableError,
    errorName: truncate(errorName, MAX_ERROR_NAME_LENGTH),
    message: truncate(message, MAX_CLASSIFIED_MESSAGE_LENGTH),
    knownError,
  };
}
