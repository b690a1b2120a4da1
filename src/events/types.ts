import type { CopyRequest } from '../domain/namespaceRef.js';
import type { EventFields, JsonObject } from './eventFields.js';

/**
 * What one SQS message turns into: a request for the worker, or an event that is valid but
 * calls for no work (a failed CloudTrail call, a tag change on a workgroup). Ignored messages
 * are acknowledged and counted, never dead-lettered: nothing is wrong with them.
 */
export type ParsedMessage =
  | { readonly kind: 'request'; readonly request: CopyRequest }
  | { readonly kind: 'ignored'; readonly eventId: string; readonly reason: string };

/**
 * The parts of an EventBridge event every parser needs, already checked: the id and time are
 * valid, `detail` is an object. `raw` is the whole event, for the envelope's account and
 * region, which are read (and checked) only by the parsers that fall back on them.
 */
export interface EventEnvelope {
  readonly eventId: string;
  readonly requestedAt: string;
  readonly detail: JsonObject;
  readonly raw: JsonObject;
  readonly fields: EventFields;
}
