import { truncate } from '../domain/truncate.js';
import { DetailType, EventSource } from './constants.js';
import { MalformedBodyError, UnknownEventError } from './errors.js';
import { describeValue, EventFields, FieldRule, isJsonObject, type JsonObject } from './eventFields.js';
import { parseCloudTrailEvent } from './parseCloudTrailEvent.js';
import { parseSnapshotCopyRequested } from './parseSnapshotCopyRequested.js';
import type { EventEnvelope, ParsedMessage } from './types.js';

/**
 * The largest SQS message (1 MiB). An EventBridge event is at most 256 KiB, so anything
 * longer did not come from our rules; refusing it early keeps JSON.parse bounded.
 */
export const MAX_BODY_LENGTH = 1_048_576;

/** Longest piece of the body quoted in an error message. */
const MAX_QUOTED_LENGTH = 100;

type EventParser = (envelope: EventEnvelope) => ParsedMessage;

/**
 * The events copy-autopilot subscribes to, keyed by `source` and `detail-type`. A Map, not an
 * object literal: a `source` of "constructor" must not find Object's prototype.
 */
const PARSERS: ReadonlyMap<string, EventParser> = new Map([
  [parserKey(EventSource.RedshiftServerless, DetailType.CloudTrailApiCall), parseCloudTrailEvent],
  [parserKey(EventSource.CopyAutopilot, DetailType.SnapshotCopyRequested), parseSnapshotCopyRequested],
]);

function parserKey(source: string, detailType: string): string {
  return JSON.stringify([source, detailType]);
}

/**
 * Parses the body of one SQS message — the whole EventBridge event, as the rules deliver it —
 * into a copy request, or into an `ignored` outcome for a valid event that needs no work.
 *
 * @param body - the SQS record's `body`
 * @throws {MalformedBodyError} the body is not a JSON object
 * @throws {UnknownEventError} `source` / `detail-type` is not an event copy-autopilot handles
 * @throws {InvalidRequestError} a field is missing or invalid; the message names field and value
 */
export function parseCopyRequest(body: string): ParsedMessage {
  const event = parseBody(body);
  const parser = parserFor(event);
  const eventId = readableEventId(event);
  const fields = new EventFields(eventId);
  const envelope: EventEnvelope = {
    eventId: fields.string(event, 'id', 'id', FieldRule.EventId),
    requestedAt: readTime(event, fields),
    detail: fields.object(event, 'detail', 'detail'),
    raw: event,
    fields,
  };
  return parser(envelope);
}

function parseBody(body: unknown): JsonObject {
  if (typeof body !== 'string') {
    throw new MalformedBodyError(`Malformed body: expected a string; got ${describeValue(body)}`);
  }
  if (body.length > MAX_BODY_LENGTH) {
    throw new MalformedBodyError(
      `Malformed body: ${body.length} characters, more than the ${MAX_BODY_LENGTH} an SQS message holds`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const reason = jsonErrorWithoutExcerpt(error);
    throw new MalformedBodyError(`Malformed body: not JSON (${truncate(reason, MAX_QUOTED_LENGTH)})`, {
      cause: error,
    });
  }
  if (!isJsonObject(parsed)) {
    throw new MalformedBodyError(
      `Malformed body: expected a JSON object (an EventBridge event); got ${describeValue(parsed)}`,
    );
  }
  return parsed;
}

/**
 * JSON.parse's message without the excerpt of the body V8 quotes in it
 * (`Unexpected token 'S', ..."ssword":Sup3r-Secr"... is not valid JSON`): the body is untrusted,
 * may hold a secret, and this message goes to the logs and the DLQ attributes.
 */
function jsonErrorWithoutExcerpt(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('Unexpected token') ? 'Unexpected token' : message;
}

function parserFor(event: JsonObject): EventParser {
  const source = event.source;
  const detailType = event['detail-type'];
  const parser =
    typeof source === 'string' && typeof detailType === 'string'
      ? PARSERS.get(parserKey(source, detailType))
      : undefined;
  if (parser !== undefined) return parser;

  const eventId = readableEventId(event);
  throw new UnknownEventError(
    `Unknown event: source ${describeValue(source)} with detail-type ${describeValue(detailType)} ` +
      `is not one copy-autopilot handles (${EventSource.RedshiftServerless} "${DetailType.CloudTrailApiCall}", ` +
      `${EventSource.CopyAutopilot} "${DetailType.SnapshotCopyRequested}")`,
    {
      source: typeof source === 'string' ? truncate(source, MAX_QUOTED_LENGTH) : undefined,
      detailType: typeof detailType === 'string' ? truncate(detailType, MAX_QUOTED_LENGTH) : undefined,
    },
    { eventId },
  );
}

/** The event id when it is valid, to tag errors with; its absence is reported separately. */
function readableEventId(event: JsonObject): string | undefined {
  const id = event.id;
  return typeof id === 'string' && FieldRule.EventId.pattern.test(id) ? id : undefined;
}

function readTime(event: JsonObject, fields: EventFields): string {
  const time = fields.string(event, 'time', 'time', FieldRule.Time);
  // The pattern admits month 13 or hour 25; Date.parse does not.
  if (Number.isNaN(Date.parse(time))) throw fields.invalid('time', FieldRule.Time.expectation, time);
  return time;
}
