import { childRefs, ServiceModelError } from './trimServiceModel.js';
import type { ServiceModel, Shape, StructureShape } from './types.js';

export { ServiceModelError } from './trimServiceModel.js';

/**
 * A correction to the vendored model for something AWS enforces (or allows) that the published
 * model does not say, each with the public source that shows it. Applied when a service loads
 * its model, so validation and the conformance test both see the model AWS actually runs.
 */
export type ModelAmendment =
  | {
      /** Adds length (or value) bounds to a shape. */
      readonly kind: 'constrain';
      readonly shape: string;
      readonly min?: number;
      readonly max?: number;
      readonly source: string;
    }
  | {
      /** Points a structure member at another shape. */
      readonly kind: 'retarget';
      readonly structure: string;
      readonly member: string;
      readonly shape: string;
      readonly source: string;
    };

/** A model ready for validation: patterns compiled, amendments applied and listed. */
export interface LoadedServiceModel extends ServiceModel {
  readonly amendments: readonly ModelAmendment[];
}

/**
 * Reads a vendored model (the JSON module), applies `amendments` and compiles every pattern once,
 * so a model the local service cannot use fails at startup, not on the first request.
 */
export function loadServiceModel(
  json: unknown,
  amendments: readonly ModelAmendment[] = [],
): LoadedServiceModel {
  const model = json as ServiceModel;
  if (typeof model?.metadata?.apiVersion !== 'string' || typeof model.shapes !== 'object') {
    throw new ServiceModelError('Not a botocore service model (no metadata.apiVersion or shapes)');
  }
  const shapes: Record<string, Shape> = { ...model.shapes };
  for (const amendment of amendments) applyAmendment(shapes, amendment);
  const loaded: LoadedServiceModel = { ...model, shapes, amendments };
  for (const [name, shape] of Object.entries(shapes)) {
    for (const ref of childRefs(shape)) shapeOf(loaded, ref.shape);
    if (shape.type === 'string' && shape.pattern !== undefined) {
      try {
        compilePattern(shape.pattern);
      } catch (error) {
        throw new ServiceModelError(`Pattern of ${name} does not compile: ${shape.pattern}`, {
          cause: error,
        });
      }
    }
  }
  for (const [name, operation] of Object.entries(model.operations)) {
    for (const ref of [operation.input, operation.output]) {
      if (ref !== undefined && shapes[ref.shape] === undefined) {
        throw new ServiceModelError(`Operation ${name} refers to the missing shape ${ref.shape}`);
      }
    }
  }
  return loaded;
}

function applyAmendment(shapes: Record<string, Shape>, amendment: ModelAmendment): void {
  if (amendment.kind === 'constrain') {
    const shape = shapes[amendment.shape];
    if (shape === undefined)
      throw new ServiceModelError(`Amendment names the missing shape ${amendment.shape}`);
    shapes[amendment.shape] = { ...shape, min: amendment.min, max: amendment.max } as Shape;
    return;
  }
  const structure = shapes[amendment.structure];
  const member = structure?.type === 'structure' ? structure.members[amendment.member] : undefined;
  if (structure === undefined || member === undefined || shapes[amendment.shape] === undefined) {
    throw new ServiceModelError(`Amendment names a missing ${amendment.structure}.${amendment.member}`);
  }
  const members = {
    ...(structure as StructureShape).members,
    [amendment.member]: { ...member, shape: amendment.shape },
  };
  shapes[amendment.structure] = { ...structure, members } as StructureShape;
}

/** The shape called `name`; a dangling reference is a broken model, not a bad request. */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (shape === undefined) throw new ServiceModelError(`The model has no shape ${name}`);
  return shape;
}

const compiled = new Map<string, RegExp>();

/**
 * A model pattern as a JavaScript RegExp with Java's `matches()` meaning: the whole value must
 * match. Unicode mode first (for `\p{L}`); patterns that mode refuses (Java allows escapes like
 * `\_`) compile without it.
 */
export function compilePattern(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    regex = new RegExp(`^(?:${pattern})$`);
  }
  compiled.set(pattern, regex);
  return regex;
}
