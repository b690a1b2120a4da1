import { AwsServiceError } from '../../protocol/serviceError.js';
import {
  DEFAULT_BUS,
  type EventBridgeStore,
  type EventBusRecord,
  type RuleRecord,
} from './eventBridgeStore.js';

/** The constraint AWS quotes for rule names, target ids and bus names. */
export const NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;
const NAME_PATTERN_TEXT = '[\\.\\-_A-Za-z0-9]+';

export const validationError = (message: string): AwsServiceError =>
  new AwsServiceError('ValidationException', message);

/** A single-member validation failure, worded as the AWS JSON services word it. */
export const constraintError = (value: unknown, member: string, constraint: string): AwsServiceError =>
  validationError(
    `1 validation error detected: Value ${value === undefined ? 'null' : `'${String(value)}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
  );

export function requireString(input: Record<string, unknown>, field: string, member: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw constraintError(value, member, 'Member must not be null');
  }
  return value;
}

export function optionalString(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  return typeof value === 'string' ? value : undefined;
}

export function requireName(input: Record<string, unknown>, field: string, member: string): string {
  const value = requireString(input, field, member);
  if (value.length > 64) {
    throw constraintError(value, member, 'Member must have length less than or equal to 64');
  }
  if (!NAME_PATTERN.test(value)) {
    throw constraintError(
      value,
      member,
      `Member must satisfy regular expression pattern: ${NAME_PATTERN_TEXT}`,
    );
  }
  return value;
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

/** Pages a sorted list with an opaque numeric token, as List* operations do. */
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
