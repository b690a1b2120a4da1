import { constraintText, type PathSegment, type TypeMismatch, type Violation } from './constraints.js';

/**
 * AWS's validation messages for JSON services (the Coral front end Redshift Serverless and
 * EventBridge sit behind), e.g.
 * `2 validation errors detected: Value 'A' at 'namespaceName' failed to satisfy constraint:
 * Member must have length greater than or equal to 3; Value 'A' at 'namespaceName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9-]+$`.
 * Paths use lower-camel member names, list elements are `<list>.<n>.member` (1-based); a missing
 * member shows `Value null`, a sensitive one `Value at` (its value is never echoed).
 */
export function coralValidationMessage(violations: readonly Violation[]): string {
  const count = violations.length;
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.map(coralViolation).join('; ')}`;
}

/** One violation: `Value '…' at '…' failed to satisfy constraint: …`. */
function coralViolation(violation: Violation): string {
  const shown =
    violation.value === null || violation.value === undefined
      ? 'Value null'
      : violation.sensitive
        ? 'Value'
        : `Value '${javaText(violation.value)}'`;
  return `${shown} at '${coralPath(violation.path)}' failed to satisfy constraint: ${constraintText(violation.constraint)}`;
}

/** `tags.1.member.key`: members lower-camel, list elements numbered from 1. */
export function coralPath(path: readonly PathSegment[]): string {
  return path
    .map((segment) => {
      if ('member' in segment) return segment.member.charAt(0).toLowerCase() + segment.member.slice(1);
      if ('index' in segment) return `${segment.index + 1}.member`;
      return segment.key;
    })
    .join('.');
}

/** A value as Java's toString shows it in those messages: lists `[a, b]`, maps `{k=v}`. */
function javaText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, member]) => `${key}=${javaText(member)}`)
      .join(', ')}}`;
  }
  return String(value);
}

const ARTICLE: Readonly<Record<TypeMismatch['expected'], string>> = {
  structure: 'an object',
  map: 'an object',
  list: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  timestamp: 'a timestamp',
};

/** The message of the SerializationException a value of the wrong JSON type gets. */
export function serializationMessage(mismatch: TypeMismatch): string {
  return `Unexpected value type for '${coralPath(mismatch.path)}': expected ${ARTICLE[mismatch.expected]}`;
}
