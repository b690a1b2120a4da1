import type { RequestContext } from '../../../protocol/types.js';
import { type EventBridgeStore, parseEventBusArn } from '../eventBridgeStore.js';
import { type EventEnvelope, type EventRouting, type LocatedBus, routeEvent } from '../routeEvent.js';
import { busNameOf, validationError } from '../validations.js';

/** PutEvents takes 256 KB at most, counted as AWS counts entry sizes (1–10 entries: the model). */
const MAX_REQUEST_BYTES = 256 * 1024;

export interface PutEventsDependencies {
  /** The caller's account's buses. */
  readonly store: EventBridgeStore;
  readonly routing: EventRouting;
  readonly newId: () => string;
}

interface EntryFailure {
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

type EntryResult = { readonly EventId: string } | EntryFailure;

/** Event time as EventBridge writes it: ISO 8601 to the second. */
export const eventTime = (epochMs: number): string =>
  new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html */
function entrySize(entry: Record<string, unknown>): number {
  const bytes = (value: unknown): number => (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  const resources = Array.isArray(entry.Resources) ? entry.Resources : [];
  return (
    (entry.Time === undefined ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    resources.reduce((total: number, resource) => total + bytes(resource), 0)
  );
}

/** An SDK sends `Time` as epoch seconds; a hand-written request may send ISO text. */
function entryTime(value: unknown, fallbackMs: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value * 1000;
  }
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return Date.parse(value);
  }
  return fallbackMs;
}

const failure = (ErrorCode: string, ErrorMessage: string): EntryFailure => ({ ErrorCode, ErrorMessage });

const missing = (field: string): EntryFailure =>
  failure('InvalidArgument', `Parameter ${field} is not valid. Reason: ${field} is a required argument.`);

/**
 * PutEvents: validates each entry the way AWS does (a failed entry does not fail the call),
 * then routes each accepted event through its bus's rules before answering, so its SQS
 * messages exist by the time the caller sees the EventId. The event's `account` is the
 * caller's, also when EventBusName is the ARN of another account's bus in the same region.
 */
export async function putEvents(
  dependencies: PutEventsDependencies,
  input: Record<string, unknown>,
  ctx: RequestContext,
) {
  const objects = input.Entries as Record<string, unknown>[];
  if (objects.reduce((total, entry) => total + entrySize(entry), 0) > MAX_REQUEST_BYTES) {
    throw validationError('Total size of the entries in the request is over the limit.');
  }
  const { newId } = dependencies;
  const now = ctx.clock.now();
  const results: EntryResult[] = [];
  for (const entry of objects) {
    const accepted = acceptEntry(dependencies, entry, ctx);
    if ('ErrorCode' in accepted) {
      results.push(accepted);
      continue;
    }
    const envelope: EventEnvelope = {
      version: '0',
      id: newId(),
      'detail-type': entry.DetailType as string,
      source: entry.Source as string,
      account: ctx.account,
      time: eventTime(entryTime(entry.Time, now)),
      region: ctx.region,
      resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
      detail: accepted.detail,
    };
    await routeEvent(accepted.located, envelope, dependencies.routing, eventTime(now));
    results.push({ EventId: envelope.id });
  }
  return {
    FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
    Entries: results,
  };
}

/**
 * The entry-level checks of PutEvents: a failed entry fails alone, with an error code of its own
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html).
 * Source, DetailType and Detail are optional in the model but required by the service; `aws.`
 * sources belong to AWS services; Detail must be a JSON object.
 */
function acceptEntry(
  dependencies: PutEventsDependencies,
  entry: Record<string, unknown>,
  ctx: RequestContext,
): EntryFailure | { readonly located: LocatedBus; readonly detail: Record<string, unknown> } {
  for (const field of ['Source', 'DetailType', 'Detail']) {
    if (typeof entry[field] !== 'string' || entry[field] === '') {
      return missing(field);
    }
  }
  if ((entry.Source as string).startsWith('aws.')) {
    return failure('NotAuthorizedForSourceException', 'Not authorized for the source.');
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    detail = undefined;
  }
  if (!isPlainObject(detail)) {
    return failure('MalformedDetail', 'Detail is malformed.');
  }
  const busName = busNameOf(entry.EventBusName);
  const located = locateBus(dependencies, entry.EventBusName, busName, ctx);
  if (located === undefined) {
    return failure('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
  }
  return { located, detail };
}

/** The bus an entry names: by name in the caller's account, or by ARN in any account of its region. */
function locateBus(
  dependencies: PutEventsDependencies,
  given: unknown,
  busName: string,
  ctx: RequestContext,
): LocatedBus | undefined {
  const address = typeof given === 'string' ? parseEventBusArn(given) : undefined;
  if (address !== undefined && typeof given === 'string') {
    return address.region === ctx.region ? dependencies.routing.busByArn(given) : undefined;
  }
  const bus = dependencies.store.buses(ctx.region).get(busName);
  return bus === undefined ? undefined : { store: dependencies.store, bus };
}
