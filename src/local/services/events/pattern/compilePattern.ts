import { InvalidEventPatternError } from './InvalidEventPatternError.js';
import { type CompiledExpression, compileExactValue, OPERATOR_FACTORIES } from './operatorFactories.js';
import type { CompiledPattern, LeafNode, ObjectNode, PatternNode, ValueMatcher } from './types.js';

const OR_KEYWORD = '$or';

/** Field names event-ruler refuses inside a `$or` branch (operators, and words it reserves). */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates and compiles an EventBridge event pattern (JSON text or an already parsed object).
 * Every operator goes through its factory here, so matching never meets an unknown operator.
 *
 * @throws InvalidEventPatternError with event-ruler's reason when the pattern is not valid
 */
export function compilePattern(json: string | object): CompiledPattern {
  let parsed: unknown = json;
  let source: string;
  if (typeof json === 'string') {
    source = json;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new InvalidEventPatternError(`Filter is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
  } else {
    source = JSON.stringify(json);
  }
  if (!isPlainObject(parsed)) {
    throw new InvalidEventPatternError('Filter is not an object');
  }
  return { root: compileObject(parsed, false), source };
}

function compileObject(pattern: Record<string, unknown>, insideOr: boolean): ObjectNode {
  const keys = Object.keys(pattern);
  if (keys.length === 0) {
    throw new InvalidEventPatternError('Empty objects are not allowed');
  }
  const fields = new Map<string, PatternNode>();
  const anyOf: ObjectNode[][] = [];
  for (const key of keys) {
    const value = pattern[key];
    if (key === OR_KEYWORD) {
      anyOf.push(compileOr(value));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      throw new InvalidEventPatternError(
        `${key} is Ruler reserved fieldName which cannot be used inside $or.`,
      );
    }
    if (isPlainObject(value)) {
      fields.set(key, compileObject(value, insideOr));
    } else if (Array.isArray(value)) {
      fields.set(key, compileLeaf(value));
    } else {
      throw new InvalidEventPatternError(`"${key}" must be an object or an array`);
    }
  }
  return { kind: 'object', fields, anyOf };
}

function compileOr(branches: unknown): ObjectNode[] {
  if (!Array.isArray(branches)) {
    throw new InvalidEventPatternError('It must be an Array followed with $or.');
  }
  const compiled = branches.map((branch: unknown) => {
    if (!isPlainObject(branch)) {
      throw new InvalidEventPatternError('Only JSON object is allowed in array of $or relationship.');
    }
    return compileObject(branch, true);
  });
  if (compiled.length < 2) {
    throw new InvalidEventPatternError('There must have at least 2 Objects in $or relationship.');
  }
  return compiled;
}

function compileLeaf(values: readonly unknown[]): LeafNode {
  if (values.length === 0) {
    throw new InvalidEventPatternError('Empty arrays are not allowed');
  }
  const matchers: ValueMatcher[] = [];
  const exists: boolean[] = [];
  for (const value of values) {
    const compiled = compileLeafEntry(value);
    if ('exists' in compiled) {
      exists.push(compiled.exists);
    } else {
      matchers.push(compiled);
    }
  }
  return { kind: 'leaf', matchers, exists };
}

function compileLeafEntry(value: unknown): CompiledExpression {
  if (isPlainObject(value)) {
    const [name, ...extraKeys] = Object.keys(value);
    if (name === undefined) {
      throw new InvalidEventPatternError('Match expression name not found');
    }
    const factory = Object.hasOwn(OPERATOR_FACTORIES, name) ? OPERATOR_FACTORIES[name] : undefined;
    if (factory === undefined) {
      throw new InvalidEventPatternError(`Unrecognized match type ${name}`);
    }
    const compiled = factory.compile(value[name]);
    if (extraKeys.length > 0) {
      throw new InvalidEventPatternError(factory.extraKeyMessage);
    }
    return compiled;
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return compileExactValue(value);
  }
  throw new InvalidEventPatternError('Match value must be String, number, true, false, or null');
}
