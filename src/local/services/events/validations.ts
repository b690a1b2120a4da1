import { AwsServiceError } from '../../protocol/serviceError.js';
import {
  DEFAULT_BUS,
  type EventBridgeStore,
  type EventBusRecord,
  type RuleRecord,
} from './eventBridgeStore.js';

/**
 * What the actions share once the model has checked a request (serviceModel/validateModelInput.ts):
 * their own ValidationExceptions, member access, bus and rule lookups, paging.
 */

export const validationError = (message: string): AwsServiceError =>
  new AwsServiceError('ValidationException', message);

/** A string member of a request the model has checked (required ones are present). */
export function stringMember(input: Record<string, unknown>, field: string): string {
  return input[field] as string;
}

/** An optional string member of a checked request. */
export function optionalString(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  return typeof value === 'string' ? value : undefined;
}

/** An `EventBusName` given as a name or an ARN, defaulting to `default`. */
export function busNameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    return DEFAULT_BUS;
  }
  const marker = ':event-bus/';
  const at = value.indexOf(marker);
  return value.startsWith('arn:') && at >= 0 ? value.slice(at + marker.length) : value;
}

export function findBus(store: EventBridgeStore, region: string, busName: string): EventBusRecord {
  const bus = store.buses(region).get(busName);
  if (bus === undefined) {
    throw new AwsServiceError('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
  }
  return bus;
}

export function findRule(bus: EventBusRecord, ruleName: string): RuleRecord {
  const rule = bus.rules.get(ruleName);
  if (rule === undefined) {
    throw new AwsServiceError(
      'ResourceNotFoundException',
      `Rule ${ruleName} does not exist on EventBus ${bus.name}.`,
    );
  }
  return rule;
}

/** Pages a sorted list with an opaque numeric token, as List* operations do (Limit: 1–100 by the model). */
export function page<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  maxLimit = 100,
): { readonly items: readonly T[]; readonly nextToken?: string } {
  const start = typeof input.NextToken === 'string' ? Number.parseInt(input.NextToken, 10) || 0 : 0;
  const limit =
    typeof input.Limit === 'number' && input.Limit > 0 ? Math.min(input.Limit, maxLimit) : maxLimit;
  const slice = items.slice(start, start + limit);
  const end = start + slice.length;
  return end < items.length ? { items: slice, nextToken: String(end) } : { items: slice };
}
