import { compilePattern, shapeOf } from '../../../src/local/serviceModel/serviceModel.js';
import type { ServiceModel, Shape, ShapeRef, StringShape } from '../../../src/local/serviceModel/types.js';

/**
 * A small value generator driven by a service model: the minimal valid value of a shape
 * (required members only, the fewest list elements and map entries allowed, the shortest
 * string its pattern accepts), and strings that break one constraint and keep the others.
 */

/**
 * Strings tried, in order, as the start of a value a pattern must accept (padded to length):
 * `r-aaaa` is an Organizations root id, `000000000000` an account id.
 */
const VALID_SEEDS = [
  'a',
  'a.a',
  'aws.partner/a/a',
  'arn:aws:secretsmanager:us-east-1:a',
  '$.a',
  '1',
  'A',
  'r-aaaa',
  '000000000000',
];
/** Characters tried, repeated to a valid length, for a value a pattern must refuse. */
const INVALID_SEEDS = ['!', ' ', '\u0000'];

/** An epoch-seconds instant (2026-01-01T00:00:00Z), what awsJson clients send for timestamps. */
const TIMESTAMP = 1_767_225_600;
const MAX_DEPTH = 12;

export class GeneratorError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'GeneratorError';
  }
}

const fits = (shape: StringShape, value: string): boolean =>
  value.length >= (shape.min ?? 0) &&
  value.length <= (shape.max ?? Number.POSITIVE_INFINITY) &&
  (shape.pattern === undefined || compilePattern(shape.pattern).test(value)) &&
  (shape.enum === undefined || shape.enum.includes(value));

/** The shortest-looking string the shape accepts. */
export function validString(shape: StringShape): string {
  if (shape.enum !== undefined && shape.enum[0] !== undefined) return shape.enum[0];
  for (const seed of VALID_SEEDS) {
    // Padded with `a`, or with the seed's own last character (`111111` for a six-digit code).
    for (const pad of ['a', seed.at(-1) ?? 'a']) {
      const value = seed.padEnd(Math.max(shape.min ?? 0, seed.length), pad);
      if (fits(shape, value)) return value;
    }
  }
  throw new GeneratorError(
    `No valid string for pattern ${shape.pattern} (min ${shape.min}, max ${shape.max})`,
  );
}

/** Whether a pattern refuses any string the generator tries (`[\s\S]*` refuses none: no constraint). */
export function patternRefusesSomething(pattern: string): boolean {
  return INVALID_SEEDS.some((seed) => !compilePattern(pattern).test(seed));
}

/** A string of valid length the shape's pattern refuses. */
export function patternBreakingString(shape: StringShape): string {
  const length = Math.max(shape.min ?? 0, 1);
  for (const seed of INVALID_SEEDS) {
    const value = seed.repeat(length);
    if (
      value.length <= (shape.max ?? Number.POSITIVE_INFINITY) &&
      !fits({ ...shape, min: 0, max: undefined }, value)
    ) {
      return value;
    }
  }
  throw new GeneratorError(`No string breaks pattern ${shape.pattern}`);
}

/** A string one character longer than the shape allows, otherwise valid where possible. */
export function tooLongString(shape: StringShape, max: number): string {
  return validString(shape).padEnd(max + 1, 'a');
}

/** A string one character shorter than the shape allows. */
export function tooShortString(shape: StringShape, min: number): string {
  return validString(shape)
    .padEnd(min, 'a')
    .slice(0, min - 1);
}

/** `count` distinct keys the map's key shape accepts. */
export function validKeys(model: ServiceModel, keyRef: ShapeRef, count: number): string[] {
  const shape = shapeOf(model, keyRef.shape) as StringShape;
  if (shape.enum !== undefined) return shape.enum.slice(0, count);
  const base = validString(shape);
  return Array.from({ length: count }, (_, index) => (index === 0 ? base : `${base}${index}`));
}

/** The minimal valid value of a shape. */
export function minimalValue(model: ServiceModel, ref: ShapeRef, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new GeneratorError(`Shape ${ref.shape} nests deeper than ${MAX_DEPTH}`);
  const shape = shapeOf(model, ref.shape);
  return minimalOf(model, shape, depth);
}

function minimalOf(model: ServiceModel, shape: Shape, depth: number): unknown {
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(
        (shape.required ?? []).map((name) => {
          const member = shape.members[name];
          if (member === undefined) throw new GeneratorError(`Required member ${name} is not declared`);
          return [name, minimalValue(model, member, depth + 1)];
        }),
      );
    case 'list':
      return Array.from({ length: shape.min ?? 0 }, () => minimalValue(model, shape.member, depth + 1));
    case 'map': {
      const keys = validKeys(model, shape.key, shape.min ?? 0);
      return Object.fromEntries(keys.map((key) => [key, minimalValue(model, shape.value, depth + 1)]));
    }
    case 'string':
      return validString(shape);
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return shape.min ?? (shape.max !== undefined && shape.max < 1 ? shape.max : 1);
    case 'boolean':
      return true;
    case 'timestamp':
      return TIMESTAMP;
    case 'blob':
      return Buffer.alloc(Math.max(shape.min ?? 1, 1), 97).toString('base64');
  }
}

/** A JSON value of another type than the shape wants. */
export function wrongTypeValue(model: ServiceModel, ref: ShapeRef): unknown {
  switch (shapeOf(model, ref.shape).type) {
    case 'string':
    case 'blob':
      return 42;
    case 'list':
      return {};
    case 'structure':
    case 'map':
      return [];
    case 'boolean':
    case 'timestamp':
      return [true];
    default:
      return 'x';
  }
}
