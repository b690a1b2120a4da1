import type { Constraint, PathSegment } from '../../../src/local/serviceModel/constraints.js';
import { declaredConstraints } from '../../../src/local/serviceModel/constraints.js';
import { compilePattern, shapeOf } from '../../../src/local/serviceModel/serviceModel.js';
import type { ServiceModel, Shape, ShapeRef, StringShape } from '../../../src/local/serviceModel/types.js';
import {
  GeneratorError,
  minimalValue,
  patternBreakingString,
  patternRefusesSomething,
  tooLongString,
  tooShortString,
  validKeys,
} from './modelValues.js';

/** One modelled constraint of an operation's input, and a request that breaks it and nothing else. */
export interface ConstraintCase {
  readonly path: readonly PathSegment[];
  readonly constraint: Constraint;
  /** The shape holding the constraint is sensitive: AWS must not echo the value. */
  readonly sensitive: boolean;
  readonly input: Record<string, unknown>;
  /**
   * The broken value cannot help breaking the shape's pattern too (an empty string where the
   * pattern wants one character or more): AWS then reports both.
   */
  readonly alsoBreaksPattern: boolean;
}

const NOT_IN_ENUM = 'NotInTheEnum';
const MAX_DEPTH = 12;

/**
 * Every constraint reachable from the operation's input shape (required members, lengths, value
 * bounds, patterns, enums, list and map sizes, map keys and values), each with a request built
 * from the minimal valid input where that one constraint is broken. Lists and maps are entered
 * through their first element or entry, so a constraint is counted once wherever it sits.
 */
export function constraintCases(model: ServiceModel, operation: string): ConstraintCase[] {
  const ref = model.operations[operation]?.input;
  if (ref === undefined) return [];
  const cases: ConstraintCase[] = [];
  collect(model, ref, [], false, 0, (path, constraint, sensitive, shape) => {
    const input = breaking(model, ref, path, constraint) as Record<string, unknown>;
    const value = valueAt(input, path);
    const alsoBreaksPattern =
      (constraint.kind === 'minLength' || constraint.kind === 'maxLength') &&
      shape.type === 'string' &&
      shape.pattern !== undefined &&
      typeof value === 'string' &&
      !compilePattern(shape.pattern).test(value);
    cases.push({ path, constraint, sensitive, input, alsoBreaksPattern });
  });
  return cases;
}

type Found = (path: readonly PathSegment[], constraint: Constraint, sensitive: boolean, shape: Shape) => void;

/** The value a path leads to in a request. */
export function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let value = input;
  for (const segment of path) {
    const key = 'member' in segment ? segment.member : 'index' in segment ? segment.index : segment.key;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function collect(
  model: ServiceModel,
  ref: ShapeRef,
  path: readonly PathSegment[],
  sensitive: boolean,
  depth: number,
  found: Found,
): void {
  if (depth > MAX_DEPTH) throw new GeneratorError(`Input nests deeper than ${MAX_DEPTH} at ${ref.shape}`);
  const shape = shapeOf(model, ref.shape);
  const secret = sensitive || shape.sensitive === true;
  if (shape.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members)) {
      const memberPath = [...path, { member: name }];
      if (shape.required?.includes(name)) found(memberPath, { kind: 'required' }, secret, shape);
      collect(model, member, memberPath, secret, depth + 1, found);
    }
    return;
  }
  for (const constraint of breakable(declaredConstraints(shape))) found(path, constraint, secret, shape);
  if (shape.type === 'list') collect(model, shape.member, [...path, { index: 0 }], secret, depth + 1, found);
  if (shape.type === 'map') collectMap(model, shape, path, secret, depth, found);
}

function collectMap(
  model: ServiceModel,
  shape: Extract<Shape, { type: 'map' }>,
  path: readonly PathSegment[],
  sensitive: boolean,
  depth: number,
  found: Found,
): void {
  const keyConstraints = declaredConstraints(shapeOf(model, shape.key.shape));
  // Coral lists every constraint of the key shape; the case needs at least one a key can break.
  if (breakable(keyConstraints).length > 0)
    found(path, { kind: 'mapKeys', constraints: keyConstraints }, sensitive, shape);
  const valueShape = shapeOf(model, shape.value.shape);
  if (valueShape.type === 'structure' || valueShape.type === 'list' || valueShape.type === 'map') {
    const [key = 'k'] = validKeys(model, shape.key, 1);
    collect(model, shape.value, [...path, { key, part: 'value' }], sensitive, depth + 1, found);
    return;
  }
  const valueConstraints = declaredConstraints(valueShape);
  if (breakable(valueConstraints).length > 0)
    found(path, { kind: 'mapValues', constraints: valueConstraints }, sensitive, shape);
}

/** Constraints a value can break: a minimum length of 0, or a pattern every string matches, is no constraint. */
function breakable(constraints: readonly Constraint[]): Constraint[] {
  return constraints.filter(
    (constraint) =>
      (constraint.kind !== 'minLength' || constraint.limit > 0) &&
      (constraint.kind !== 'pattern' || patternRefusesSomething(constraint.pattern)),
  );
}

/** The minimal valid value of `ref` with the constraint at `path` broken. */
function breaking(
  model: ServiceModel,
  ref: ShapeRef,
  path: readonly PathSegment[],
  constraint: Constraint,
): unknown {
  const [step, ...rest] = path;
  const shape = shapeOf(model, ref.shape);
  if (step === undefined) return brokenValue(model, shape, constraint);
  if ('member' in step) {
    if (shape.type !== 'structure') throw new GeneratorError(`${ref.shape} has no member ${step.member}`);
    const current = minimalValue(model, ref) as Record<string, unknown>;
    if (rest.length === 0 && constraint.kind === 'required') {
      delete current[step.member];
      return current;
    }
    const member = shape.members[step.member] as ShapeRef;
    return { ...current, [step.member]: breaking(model, member, rest, constraint) };
  }
  if ('index' in step) {
    if (shape.type !== 'list') throw new GeneratorError(`${ref.shape} is not a list`);
    const rest0 = breaking(model, shape.member, rest, constraint);
    const others = Array.from({ length: Math.max((shape.min ?? 0) - 1, 0) }, () =>
      minimalValue(model, shape.member),
    );
    return [rest0, ...others];
  }
  if (shape.type !== 'map') throw new GeneratorError(`${ref.shape} is not a map`);
  return { [step.key]: breaking(model, shape.value, rest, constraint) };
}

function brokenValue(model: ServiceModel, shape: Shape, constraint: Constraint): unknown {
  const limit = 'limit' in constraint ? constraint.limit : 0;
  switch (constraint.kind) {
    case 'minLength':
    case 'maxLength':
      return brokenSize(model, shape, constraint.kind === 'minLength' ? limit - 1 : limit + 1);
    case 'minValue':
      return limit - 1;
    case 'maxValue':
      return limit + 1;
    case 'pattern':
      return patternBreakingString(shape as StringShape);
    case 'enum':
      return NOT_IN_ENUM;
    case 'mapKeys':
    case 'mapValues':
      return brokenMap(model, shape as Extract<Shape, { type: 'map' }>, constraint.kind);
    default:
      throw new GeneratorError(`Cannot break ${constraint.kind} on its own`);
  }
}

/** A string, list or map of `size` characters, elements or entries. */
function brokenSize(model: ServiceModel, shape: Shape, size: number): unknown {
  switch (shape.type) {
    case 'string':
      return size < (shape.min ?? 0) ? tooShortString(shape, size + 1) : tooLongString(shape, size - 1);
    case 'list':
      return Array.from({ length: size }, () => minimalValue(model, shape.member));
    case 'map': {
      const keys = validKeys(model, shape.key, size);
      if (keys.length < size) throw new GeneratorError('Too few distinct keys to break a map size');
      return Object.fromEntries(keys.map((key) => [key, minimalValue(model, shape.value)]));
    }
    default:
      throw new GeneratorError(`No length on a ${shape.type}`);
  }
}

/** A one-entry map whose key (or value) breaks the first constraint its shape declares that a value can break. */
function brokenMap(
  model: ServiceModel,
  shape: Extract<Shape, { type: 'map' }>,
  part: 'mapKeys' | 'mapValues',
): unknown {
  const [validKey = 'k'] = validKeys(model, shape.key, 1);
  const target = shapeOf(model, (part === 'mapKeys' ? shape.key : shape.value).shape);
  const [first] = breakable(declaredConstraints(target));
  if (first === undefined) throw new GeneratorError('Nothing to break in the map');
  const bad = String(brokenValue(model, target, first));
  return part === 'mapKeys' ? { [bad]: minimalValue(model, shape.value) } : { [validKey]: bad };
}
