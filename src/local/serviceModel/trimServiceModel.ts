import { LocalCloudError } from '../errors.js';
import type { OperationModel, ServiceModel, Shape, ShapeRef } from './types.js';

/** Thrown when a model lacks an operation or a shape something refers to. */
export class ServiceModelError extends LocalCloudError {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceModelError';
  }
}

/**
 * The model cut down to `operations` and the shapes they reach (input, output, errors, and
 * everything those refer to), with the documentation strings left out. What remains is what
 * the local service answers for, so a test can hold every operation in the file to a check.
 */
export function trimServiceModel(model: ServiceModel, operations: readonly string[]): ServiceModel {
  const kept: Record<string, OperationModel> = {};
  const reached = new Set<string>();
  const reach = (ref: ShapeRef | undefined): void => {
    if (ref === undefined || reached.has(ref.shape)) return;
    const shape = model.shapes[ref.shape];
    if (shape === undefined) throw new ServiceModelError(`Shape ${ref.shape} is referred to but not defined`);
    reached.add(ref.shape);
    for (const child of childRefs(shape)) reach(child);
  };
  for (const name of [...operations].sort()) {
    const operation = model.operations[name];
    if (operation === undefined) throw new ServiceModelError(`The model has no operation ${name}`);
    kept[name] = withoutDocumentation(operation) as OperationModel;
    reach(operation.input);
    reach(operation.output);
    for (const error of operation.errors ?? []) reach(error);
  }
  const shapes: Record<string, Shape> = {};
  for (const name of [...reached].sort()) {
    shapes[name] = withoutDocumentation(model.shapes[name]) as Shape;
  }
  return { version: model.version, metadata: model.metadata, operations: kept, shapes };
}

/** The shapes a shape refers to directly. */
export function childRefs(shape: Shape): ShapeRef[] {
  switch (shape.type) {
    case 'structure':
      return Object.values(shape.members);
    case 'list':
      return [shape.member];
    case 'map':
      return [shape.key, shape.value];
    default:
      return [];
  }
}

function withoutDocumentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDocumentation);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'documentation' && key !== 'documentationUrl')
      .map(([key, member]) => [key, withoutDocumentation(member)]),
  );
}
