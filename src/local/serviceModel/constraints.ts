import type { Shape } from './types.js';

/**
 * One member constraint of a service model, as AWS's front end checks it. Lengths apply to
 * strings (UTF-16 code units), blobs (bytes), lists (elements) and maps (entries); values to
 * numbers. A map's key and value shapes are checked as a whole, as Coral reports them.
 */
export type Constraint =
  | { readonly kind: 'required' }
  | { readonly kind: 'minLength'; readonly limit: number }
  | { readonly kind: 'maxLength'; readonly limit: number }
  | { readonly kind: 'minValue'; readonly limit: number }
  | { readonly kind: 'maxValue'; readonly limit: number }
  | { readonly kind: 'pattern'; readonly pattern: string }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'mapKeys'; readonly constraints: readonly Constraint[] }
  | { readonly kind: 'mapValues'; readonly constraints: readonly Constraint[] }
  /** A documented rule the model cannot state (e.g. retention -1 or 1–3653), worded by whoever adds it. */
  | { readonly kind: 'documented'; readonly text: string };

/** A step from a value to one inside it: a structure member, a list element (0-based) or a map key. */
export type PathSegment =
  | { readonly member: string }
  | { readonly index: number }
  | { readonly key: string; readonly part: 'key' | 'value' };

/** A value that breaks a constraint, where it sits in the request and whether it may be shown. */
export interface Violation {
  readonly path: readonly PathSegment[];
  readonly value: unknown;
  /** The model marks the value sensitive: messages say where, never what. */
  readonly sensitive: boolean;
  readonly constraint: Constraint;
}

/** The JSON type a shape wants (what a SerializationException names). */
export type JsonKind =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'timestamp';

/** A value of the wrong JSON type: AWS refuses the request before checking any constraint. */
export interface TypeMismatch {
  readonly path: readonly PathSegment[];
  readonly expected: JsonKind;
  readonly value: unknown;
}

/**
 * The constraints a shape declares on its own values, in the order Coral lists them inside
 * "Map keys must satisfy constraint: [...]" (upper bound, lower bound, pattern, enum).
 */
export function declaredConstraints(shape: Shape): Constraint[] {
  const constraints: Constraint[] = [];
  const bounded = shape.type !== 'structure' && shape.type !== 'boolean' && shape.type !== 'timestamp';
  if (bounded) {
    const isNumber =
      shape.type === 'integer' || shape.type === 'long' || shape.type === 'float' || shape.type === 'double';
    if (typeof shape.max === 'number') {
      constraints.push({ kind: isNumber ? 'maxValue' : 'maxLength', limit: shape.max });
    }
    if (typeof shape.min === 'number') {
      constraints.push({ kind: isNumber ? 'minValue' : 'minLength', limit: shape.min });
    }
  }
  if (shape.type === 'string' && shape.pattern !== undefined) {
    constraints.push({ kind: 'pattern', pattern: shape.pattern });
  }
  if (shape.type === 'string' && shape.enum !== undefined)
    constraints.push({ kind: 'enum', values: shape.enum });
  return constraints;
}

/** A constraint in AWS's (Coral's) words: the text after "failed to satisfy constraint: ". */
export function constraintText(constraint: Constraint): string {
  switch (constraint.kind) {
    case 'required':
      return 'Member must not be null';
    case 'minLength':
      return `Member must have length greater than or equal to ${constraint.limit}`;
    case 'maxLength':
      return `Member must have length less than or equal to ${constraint.limit}`;
    case 'minValue':
      return `Member must have value greater than or equal to ${constraint.limit}`;
    case 'maxValue':
      return `Member must have value less than or equal to ${constraint.limit}`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${constraint.pattern}`;
    case 'enum':
      return `Member must satisfy enum value set: [${constraint.values.join(', ')}]`;
    case 'mapKeys':
      return `Map keys must satisfy constraint: [${constraint.constraints.map(constraintText).join(', ')}]`;
    case 'mapValues':
      return `Map value must satisfy constraint: [${constraint.constraints.map(constraintText).join(', ')}]`;
    case 'documented':
      return constraint.text;
  }
}
