import { parseNamespaceArn } from '../domain/identifiers.js';
import type { Tags } from '../domain/namespaceRef.js';
import { FieldRule, type JsonObject } from './eventFields.js';
import type { EventEnvelope } from './types.js';

/** Redshift Serverless accepts at most 200 tags in one call; more is not a real event. */
const MAX_TAGS = 200;

/** The account a request is about: `override` (a detail field) when given, else the envelope's. */
export function accountOf(envelope: EventEnvelope, override: { value: unknown; path: string }): string {
  const { fields, raw } = envelope;
  if (override.value !== undefined && override.value !== null) {
    return fields.checkString(override.value, override.path, FieldRule.Account);
  }
  return fields.string(raw, 'account', 'account', FieldRule.Account);
}

/** The region a request is about: `override` (a detail field) when given, else the envelope's. */
export function regionOf(envelope: EventEnvelope, override: { value: unknown; path: string }): string {
  const { fields, raw } = envelope;
  if (override.value !== undefined && override.value !== null) {
    return fields.checkString(override.value, override.path, FieldRule.Region);
  }
  return fields.string(raw, 'region', 'region', FieldRule.Region);
}

/** A namespace ARN split into the parts the worker addresses it by. */
export interface ParsedNamespaceArn {
  readonly arn: string;
  readonly account: string;
  readonly region: string;
}

/** Splits `arn` when it names a namespace; undefined for any other resource (workgroup, snapshot…). */
export function splitNamespaceArn(arn: string): ParsedNamespaceArn | undefined {
  const parts = parseNamespaceArn(arn);
  if (parts === undefined || !FieldRule.Region.pattern.test(parts.region)) return undefined;
  return { arn, account: parts.account, region: parts.region };
}

/**
 * Reads an optional namespace ARN that must agree with the account and region the request
 * was resolved to: an ARN pointing elsewhere means the event contradicts itself, and acting
 * on either half could configure the wrong namespace.
 */
export function readNamespaceArn(
  envelope: EventEnvelope,
  value: unknown,
  path: string,
  expected: { account: string; region: string },
): string | undefined {
  if (value === undefined || value === null) return undefined;
  const { fields } = envelope;
  const arn = fields.checkString(value, path, FieldRule.Arn);
  const parts = splitNamespaceArn(arn);
  if (parts === undefined || parts.account !== expected.account || parts.region !== expected.region) {
    throw fields.invalid(
      path,
      `a namespace ARN in account ${expected.account}, region ${expected.region}`,
      arn,
    );
  }
  return arn;
}

/**
 * Reads `[{key, value}]` tags (the CloudTrail / Redshift Serverless shape) into a map. Built
 * with `Object.fromEntries` so a key such as `__proto__` stays an ordinary own property.
 */
export function readTagList(envelope: EventEnvelope, value: unknown, path: string): Tags | undefined {
  if (value === undefined || value === null) return undefined;
  const { fields } = envelope;
  if (!Array.isArray(value) || value.length > MAX_TAGS) {
    throw fields.invalid(path, `a list of at most ${MAX_TAGS} {key, value} tags`, value);
  }
  const entries = value.map((item: unknown, index): [string, string] => {
    const itemPath = `${path}[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw fields.invalid(itemPath, 'a {key, value} tag', item);
    }
    const tag = item as JsonObject;
    return [
      fields.string(tag, 'key', `${itemPath}.key`, FieldRule.TagKey),
      fields.string(tag, 'value', `${itemPath}.value`, FieldRule.TagValue),
    ];
  });
  return Object.fromEntries(entries);
}
