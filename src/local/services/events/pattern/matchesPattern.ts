import type { CompiledPattern, LeafNode, LeafValue, ObjectNode, PatternNode } from './types.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether an event (the whole envelope: `source`, `detail-type`, `account`, `region`,
 * `resources`, `detail`, …) matches a compiled pattern. Pure.
 *
 * Arrays in the event match when any element does; objects inside an array are matched one
 * element at a time, so two fields of one pattern object must hold in the same element (the
 * array-consistent matching of event-ruler's `rulesForJSONEvent`).
 */
export function matchesPattern(pattern: CompiledPattern, event: object): boolean {
  return matchObject(pattern.root, event);
}

function matchObject(node: ObjectNode, value: unknown): boolean {
  if (Array.isArray(value) && value.length > 0) {
    return value.some((element) => matchObject(node, element));
  }
  const fields = isPlainObject(value) ? value : undefined;
  for (const [name, child] of node.fields) {
    const fieldValue = fields !== undefined && Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!matchNode(child, fieldValue)) {
      return false;
    }
  }
  return node.anyOf.every((branches) => branches.some((branch) => matchObject(branch, value)));
}

function matchNode(node: PatternNode, value: unknown): boolean {
  return node.kind === 'object' ? matchObject(node, value) : matchLeaf(node, value);
}

function matchLeaf(node: LeafNode, value: unknown): boolean {
  const values = collectLeafValues(value, []);
  // `exists` looks at leaves only: a field holding an object is "absent" for it
  if (node.exists.some((expected) => expected === values.length > 0)) {
    return true;
  }
  return values.some((candidate) => node.matchers.some((matcher) => matcher.matches(candidate)));
}

function collectLeafValues(value: unknown, into: LeafValue[]): LeafValue[] {
  if (Array.isArray(value)) {
    for (const element of value) {
      collectLeafValues(element, into);
    }
  } else if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    into.push(value);
  }
  return into;
}
