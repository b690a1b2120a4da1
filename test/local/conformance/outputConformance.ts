import { shapeOf } from '../../../src/local/serviceModel/serviceModel.js';
import type { ServiceModel, ShapeRef } from '../../../src/local/serviceModel/types.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a response body against the operation's output shape, recursively:
 * required members present, JSON types right (timestamps as epoch seconds unless the model says
 * iso8601), enum values in their set, and no member the model does not declare. Length and
 * pattern constraints of outputs are not checked (AWS does not validate what it sends).
 * An operation without output must answer `{}`.
 */
export function outputProblems(model: ServiceModel, ref: ShapeRef | undefined, body: unknown): string[] {
  if (ref === undefined) {
    return isRecord(body) && Object.keys(body).length === 0
      ? []
      : [`expected {} for no output, got ${JSON.stringify(body)}`];
  }
  const problems: string[] = [];
  check(model, ref, body, '$', problems);
  return problems;
}

function check(model: ServiceModel, ref: ShapeRef, value: unknown, path: string, problems: string[]): void {
  const shape = shapeOf(model, ref.shape);
  const wrong = (expected: string) =>
    problems.push(`${path}: expected ${expected}, got ${JSON.stringify(value)}`);
  switch (shape.type) {
    case 'structure': {
      if (!isRecord(value)) return void wrong(`a ${ref.shape} object`);
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null)
          problems.push(`${path}.${name}: required, missing`);
      }
      for (const [name, member] of Object.entries(value)) {
        const declared = shape.members[name];
        if (declared === undefined) problems.push(`${path}.${name}: not a member of ${ref.shape}`);
        else if (member !== null) check(model, declared, member, `${path}.${name}`, problems);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void wrong('a list');
      for (const [index, element] of value.entries())
        check(model, shape.member, element, `${path}[${index}]`, problems);
      return;
    case 'map':
      if (!isRecord(value)) return void wrong('a map');
      for (const [key, entry] of Object.entries(value)) {
        check(model, shape.key, key, `${path}{key ${key}}`, problems);
        check(model, shape.value, entry, `${path}.${key}`, problems);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return void wrong('a string');
      if (shape.enum !== undefined && !shape.enum.includes(value)) wrong(`one of [${shape.enum.join(', ')}]`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) wrong('an integer');
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number') wrong('a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrong('a boolean');
      return;
    case 'blob':
      if (typeof value !== 'string') wrong('base64 text');
      return;
    case 'timestamp':
      if (shape.timestampFormat === 'iso8601') {
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) wrong('an ISO 8601 timestamp');
      } else if (typeof value !== 'number') {
        wrong('epoch seconds');
      }
      return;
  }
}
