import {
  ACCOUNT_ID_PATTERN,
  MAX_TAG_KEY_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  NAMESPACE_NAME_PATTERN,
  REGION_CODE_PATTERN,
} from '../domain/identifiers.js';
import { truncate } from '../domain/truncate.js';
import { InvalidRequestError } from './errors.js';

/** A parsed JSON object; its values are untrusted until a reader below has checked them. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** What a string field must look like, and how a person would describe it in an error. */
export interface StringRule {
  readonly pattern?: RegExp;
  readonly maxLength: number;
  readonly minLength?: number;
  readonly expectation: string;
}

/** Longest value quoted in an error message: the message must stay a log line, not a dump. */
const MAX_QUOTED_LENGTH = 100;

/** Identifier rules, from the Redshift Serverless and EventBridge models. */
export const FieldRule = {
  NamespaceName: {
    pattern: NAMESPACE_NAME_PATTERN,
    maxLength: 64,
    expectation: 'a namespace name of 3–64 characters from a-z, 0-9 and "-"',
  },
  Account: { pattern: ACCOUNT_ID_PATTERN, maxLength: 12, expectation: 'a 12-digit AWS account id' },
  Region: {
    pattern: REGION_CODE_PATTERN,
    maxLength: 32,
    expectation: 'an AWS region code such as us-east-1',
  },
  /** EventBridge ids are UUIDs; anything printable and short is accepted, since it keys idempotency. */
  EventId: {
    pattern: /^[\x21-\x7e]{1,128}$/,
    maxLength: 128,
    expectation: 'an event id of 1–128 printable characters',
  },
  Time: {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
    maxLength: 40,
    expectation: 'an ISO-8601 timestamp such as 2026-11-25T09:15:40Z',
  },
  Arn: { pattern: /^arn:/, maxLength: 2048, expectation: 'an ARN' },
  /** CloudTrail event names and error codes: short identifiers. */
  Code: { maxLength: 128, minLength: 1, expectation: 'a non-empty string of at most 128 characters' },
  TagKey: {
    maxLength: MAX_TAG_KEY_LENGTH,
    minLength: 1,
    expectation: `a tag key of 1–${MAX_TAG_KEY_LENGTH} characters`,
  },
  TagValue: {
    maxLength: MAX_TAG_VALUE_LENGTH,
    expectation: `a tag value of at most ${MAX_TAG_VALUE_LENGTH} characters`,
  },
} as const satisfies Record<string, StringRule>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes an unexpected value for an error message without ever quoting more than 100 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(truncate(value, MAX_QUOTED_LENGTH));
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${truncate(String(value), MAX_QUOTED_LENGTH)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/**
 * Reads fields of one event and throws `InvalidRequestError`s that name the field, what it
 * should be and what it was, tagged with the event id so the dead-lettered message can be
 * traced back to its event.
 */
export class EventFields {
  public constructor(private readonly eventId?: string) {}

  /** The error for `path` holding `value` where `expectation` was wanted. */
  public invalid(path: string, expectation: string, value: unknown): InvalidRequestError {
    const message =
      value === undefined
        ? `Invalid request: ${path} is missing; expected ${expectation}`
        : `Invalid request: ${path} must be ${expectation}; got ${describeValue(value)}`;
    return new InvalidRequestError(message, path, { eventId: this.eventId });
  }

  public object(parent: JsonObject, key: string, path: string): JsonObject {
    const value = parent[key];
    if (!isJsonObject(value)) throw this.invalid(path, 'an object', value);
    return value;
  }

  /** Absent and `null` both mean "not given": EventBridge producers disagree on which to send. */
  public optionalObject(parent: JsonObject, key: string, path: string): JsonObject | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) throw this.invalid(path, 'an object', value);
    return value;
  }

  public string(parent: JsonObject, key: string, path: string, rule: StringRule): string {
    return this.checkString(parent[key], path, rule);
  }

  public optionalString(parent: JsonObject, key: string, path: string, rule: StringRule): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    return this.checkString(value, path, rule);
  }

  /** A value that is already in hand (an array item, say), checked against `rule`. */
  public checkString(value: unknown, path: string, rule: StringRule): string {
    if (typeof value !== 'string') throw this.invalid(path, rule.expectation, value);
    // Length first: a pattern never runs on a runaway string.
    const tooShort = value.length < (rule.minLength ?? 0);
    if (
      tooShort ||
      value.length > rule.maxLength ||
      (rule.pattern !== undefined && !rule.pattern.test(value))
    ) {
      throw this.invalid(path, rule.expectation, value);
    }
    return value;
  }
}
