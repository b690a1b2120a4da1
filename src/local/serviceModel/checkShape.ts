import {
  type Constraint,
  declaredConstraints,
  type JsonKind,
  type PathSegment,
  type TypeMismatch,
  type Violation,
} from './constraints.js';
import { compilePattern, shapeOf } from './serviceModel.js';
import type { ListShape, MapShape, ServiceModel, Shape, ShapeRef, StructureShape } from './types.js';

/** What a value breaks: its first wrong JSON type, or else every violated constraint. */
export interface ShapeCheck {
  readonly typeMismatch?: TypeMismatch;
  readonly violations: readonly Violation[];
}

interface Walk {
  readonly model: ServiceModel;
  readonly violations: Violation[];
  typeMismatch?: TypeMismatch;
}

/**
 * Checks `value` against the shape `ref` names, recursively, the way AWS's front end does:
 * JSON types first (a wrong type stops everything: SerializationException), then required
 * members, lengths, ranges, patterns and enums of every member present. Members the model does
 * not declare are ignored, as AWS ignores them.
 */
export function checkShape(model: ServiceModel, ref: ShapeRef, value: unknown): ShapeCheck {
  const walk: Walk = { model, violations: [] };
  visit(walk, ref, value, [], false);
  return walk.typeMismatch === undefined
    ? { violations: walk.violations }
    : { typeMismatch: walk.typeMismatch, violations: [] };
}

/** Checks an operation's input (an operation without input takes `{}`). */
export function checkOperationInput(model: ServiceModel, operation: string, input: unknown): ShapeCheck {
  const ref = model.operations[operation]?.input;
  return ref === undefined ? { violations: [] } : checkShape(model, ref, input);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function visit(walk: Walk, ref: ShapeRef, value: unknown, path: PathSegment[], sensitive: boolean): void {
  if (walk.typeMismatch !== undefined) return;
  const shape = shapeOf(walk.model, ref.shape);
  const secret = sensitive || ref.sensitive === true || shape.sensitive === true;
  const expected = expectedKind(shape);
  if (!hasKind(value, expected)) {
    walk.typeMismatch = { path, expected, value };
    return;
  }
  switch (shape.type) {
    case 'structure':
      visitStructure(walk, shape, value as Record<string, unknown>, path, secret);
      return;
    case 'list':
      visitList(walk, shape, value as unknown[], path, secret);
      return;
    case 'map':
      visitMap(walk, shape, value as Record<string, unknown>, path, secret);
      return;
    default:
      for (const constraint of broken(shape, value)) {
        walk.violations.push({ path, value, sensitive: secret, constraint });
      }
  }
}

function visitStructure(
  walk: Walk,
  shape: StructureShape,
  value: Record<string, unknown>,
  path: PathSegment[],
  sensitive: boolean,
): void {
  const required = new Set(shape.required ?? []);
  for (const [name, member] of Object.entries(shape.members)) {
    const memberValue = value[name];
    const memberPath = [...path, { member: name }];
    if (memberValue === undefined || memberValue === null) {
      if (required.has(name)) {
        walk.violations.push({ path: memberPath, value: null, sensitive, constraint: { kind: 'required' } });
      }
      continue;
    }
    visit(walk, member, memberValue, memberPath, sensitive);
  }
}

function visitList(
  walk: Walk,
  shape: ListShape,
  value: unknown[],
  path: PathSegment[],
  sensitive: boolean,
): void {
  for (const constraint of broken(shape, value)) walk.violations.push({ path, value, sensitive, constraint });
  value.forEach((element, index) => {
    const elementPath = [...path, { index }];
    if (element === null || element === undefined) {
      walk.violations.push({ path: elementPath, value: null, sensitive, constraint: { kind: 'required' } });
      return;
    }
    visit(walk, shape.member, element, elementPath, sensitive);
  });
}

/**
 * Maps: the entry count, then keys and values. Coral names a map's key or value constraint once
 * per map ("Map keys must satisfy constraint: [...]", listing everything the key shape declares),
 * however many entries break it; structured values are checked member by member.
 */
function visitMap(
  walk: Walk,
  shape: MapShape,
  value: Record<string, unknown>,
  path: PathSegment[],
  sensitive: boolean,
): void {
  for (const constraint of broken(shape, Object.keys(value))) {
    walk.violations.push({ path, value, sensitive, constraint });
  }
  const keyShape = shapeOf(walk.model, shape.key.shape);
  if (Object.keys(value).some((key) => broken(keyShape, key).length > 0)) {
    const constraint: Constraint = { kind: 'mapKeys', constraints: declaredConstraints(keyShape) };
    walk.violations.push({ path, value, sensitive, constraint });
  }
  const valueShape = shapeOf(walk.model, shape.value.shape);
  const scalarValues =
    valueShape.type !== 'structure' && valueShape.type !== 'list' && valueShape.type !== 'map';
  let valuesBroken = false;
  for (const [key, entry] of Object.entries(value)) {
    const entryPath = [...path, { key, part: 'value' as const }];
    if (!scalarValues || !hasKind(entry, expectedKind(valueShape))) {
      visit(walk, shape.value, entry, entryPath, sensitive);
      continue;
    }
    valuesBroken ||= broken(valueShape, entry).length > 0;
  }
  if (valuesBroken) {
    const constraint: Constraint = { kind: 'mapValues', constraints: declaredConstraints(valueShape) };
    walk.violations.push({ path, value, sensitive, constraint });
  }
}

/**
 * The constraints a scalar, list or map shape declares (declaredConstraints, the order Coral
 * lists them in) that `value` breaks.
 */
function broken(shape: Shape, value: unknown): Constraint[] {
  const size = sizeOf(shape, value);
  return declaredConstraints(shape).filter((constraint) => breaks(constraint, size, value));
}

function breaks(constraint: Constraint, size: number | undefined, value: unknown): boolean {
  switch (constraint.kind) {
    case 'minLength':
    case 'minValue':
      return size !== undefined && size < constraint.limit;
    case 'maxLength':
    case 'maxValue':
      return size !== undefined && size > constraint.limit;
    case 'pattern':
      return typeof value === 'string' && !compilePattern(constraint.pattern).test(value);
    case 'enum':
      return typeof value === 'string' && !constraint.values.includes(value);
    default:
      return false;
  }
}

/** What min/max measure: characters, bytes, elements, entries or the number itself. */
function sizeOf(shape: Shape, value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string')
    return shape.type === 'blob' ? Buffer.from(value, 'base64').length : value.length;
  return undefined;
}

function expectedKind(shape: Shape): JsonKind {
  switch (shape.type) {
    case 'structure':
    case 'list':
    case 'map':
    case 'boolean':
    case 'timestamp':
      return shape.type;
    case 'integer':
    case 'long':
      return 'integer';
    case 'float':
    case 'double':
      return 'number';
    default:
      return 'string';
  }
}

function hasKind(value: unknown, kind: JsonKind): boolean {
  switch (kind) {
    case 'structure':
    case 'map':
      return isRecord(value);
    case 'list':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'timestamp':
      // awsJson sends epoch seconds; hand-written requests often send ISO text, which AWS parses too.
      return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
  }
}
