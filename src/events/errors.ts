import { CopyAutopilotError } from '../domain/errors.js';

/**
 * Why a message could not become a copy request. The code travels with the dead-lettered
 * message (attribute and metric dimension), so the values are a contract: change them only
 * with the alarms and runbooks that name them.
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

interface EventParseErrorOptions extends ErrorOptions {
  /** The EventBridge event id, when the envelope got far enough to have one. */
  readonly eventId?: string;
}

/**
 * Base class of every failure to turn an SQS body into a copy request. Retrying cannot fix
 * a message, so these carry `deadLetter: true`: the worker sends them to the DLQ at once,
 * with `reason`, and acknowledges them.
 */
export abstract class EventParseError extends CopyAutopilotError {
  public abstract readonly reason: ParseFailureReason;
  /** Read by `classifyServiceError`: retrying the same body fails the same way. */
  public readonly deadLetter = true;
  public readonly eventId?: string;

  protected constructor(message: string, options: EventParseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EventParseError';
    if (options.eventId !== undefined) this.eventId = options.eventId;
  }
}

/** The SQS body is not JSON, or is JSON but not an object (an array, a string, null…). */
export class MalformedBodyError extends EventParseError {
  public readonly reason = ParseFailureReason.MalformedBody;

  public constructor(message: string, options?: EventParseErrorOptions) {
    super(message, options);
    this.name = 'MalformedBodyError';
  }
}

/** The event is well-formed JSON but not an event copy-autopilot handles. */
export class UnknownEventError extends EventParseError {
  public readonly reason = ParseFailureReason.UnknownEvent;
  /** The envelope's `source`, as received (truncated), or undefined when it was not a string. */
  public readonly source?: string;
  /** The envelope's `detail-type`, as received (truncated), or undefined when it was not a string. */
  public readonly detailType?: string;

  public constructor(
    message: string,
    context: { source?: string; detailType?: string },
    options?: EventParseErrorOptions,
  ) {
    super(message, options);
    this.name = 'UnknownEventError';
    if (context.source !== undefined) this.source = context.source;
    if (context.detailType !== undefined) this.detailType = context.detailType;
  }
}

/** A known event with a field that is missing, mistyped or out of range. */
export class InvalidRequestError extends EventParseError {
  public readonly reason = ParseFailureReason.InvalidRequest;
  /** The path of the offending field in the event, e.g. `detail.requestParameters.namespaceName`. */
  public readonly field: string;

  public constructor(message: string, field: string, options?: EventParseErrorOptions) {
    super(message, options);
    this.name = 'InvalidRequestError';
    this.field = field;
  }
}
