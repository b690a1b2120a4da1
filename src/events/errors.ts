import { ParseFailureReason } from '../domain/deadLetterReason.js';
import { CopyAutopilotError } from '../domain/errors.js';

// The reasons are a domain contract (the table in classifyServiceError.ts names them); they are
// part of this module's face too, for whoever handles a parse error.
export { ParseFailureReason };

interface EventParseErrorOptions extends ErrorOptions {
  /** The EventBridge event id, when the envelope got far enough to have one. */
  readonly eventId?: string;
}

/**
 * Base class of every failure to turn an SQS body into a copy request. Retrying cannot fix a
 * message: classifyServiceError's table dead-letters each subclass at once with its `reason`.
 */
export abstract class EventParseError extends CopyAutopilotError {
  public abstract readonly reason: ParseFailureReason;
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
