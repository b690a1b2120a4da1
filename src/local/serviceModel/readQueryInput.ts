import { queryIndexes } from '../protocol/queryProtocol.js';
import { shapeOf } from './serviceModel.js';
import type { ServiceModel, Shape, ShapeRef } from './types.js';

/**
 * Reads an awsQuery request (form parameters) into the JSON shape of the operation's input, as
 * the model describes it, so the query protocol is validated by the same checker as the JSON
 * ones. The awsQuery serialization rules (Smithy's awsQuery protocol): structure members by name
 * (`Sub.Member`), lists as `Name.member.N` (1-based; `Name.N` when flattened), maps as
 * `Name.entry.N.key` / `.value`; an empty list or structure as the bare name (`Name=`). A number
 * or boolean that does not parse stays text, so the checker reports its type; parameters the
 * model does not name (`Action`, `Version`) are left out.
 */
export function readQueryInput(
  model: ServiceModel,
  operation: string,
  params: URLSearchParams,
): Record<string, unknown> {
  const ref = model.operations[operation]?.input;
  if (ref === undefined) return {};
  return (readValue(model, ref, '', params) as Record<string, unknown> | undefined) ?? {};
}

const hasUnder = (params: URLSearchParams, prefix: string): boolean =>
  [...params.keys()].some((key) => key.startsWith(prefix));

function readValue(model: ServiceModel, ref: ShapeRef, name: string, params: URLSearchParams): unknown {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'structure': {
      const prefix = name === '' ? '' : `${name}.`;
      // A structure without members travels as its bare name, as an empty list does.
      if (name !== '' && !hasUnder(params, prefix)) return params.get(name) === '' ? {} : undefined;
      const value: Record<string, unknown> = {};
      for (const [member, memberRef] of Object.entries(shape.members)) {
        const wire = typeof memberRef.locationName === 'string' ? memberRef.locationName : member;
        const read = readValue(model, memberRef, `${prefix}${wire}`, params);
        if (read !== undefined) value[member] = read;
      }
      return value;
    }
    case 'list': {
      // An empty list travels as the bare name with no value.
      if (params.get(name) === '') return [];
      const element = typeof shape.member.locationName === 'string' ? shape.member.locationName : 'member';
      const prefix = shape.flattened === true ? `${name}.` : `${name}.${element}.`;
      const found = queryIndexes(params, prefix).map((index) =>
        readValue(model, shape.member, `${prefix}${index}`, params),
      );
      return found.length === 0 ? undefined : found;
    }
    case 'map': {
      const prefix = shape.flattened === true ? `${name}.` : `${name}.entry.`;
      const entries = queryIndexes(params, prefix).flatMap((index) => {
        const key = params.get(`${prefix}${index}.key`);
        return key === null ? [] : [[key, readValue(model, shape.value, `${prefix}${index}.value`, params)]];
      });
      return entries.length === 0 ? undefined : Object.fromEntries(entries);
    }
    default:
      return scalar(shape, params.get(name));
  }
}

function scalar(shape: Shape, text: string | null): unknown {
  if (text === null) return undefined;
  switch (shape.type) {
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
    case 'float':
    case 'double':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}
