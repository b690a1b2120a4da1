/**
 * Arbitraries for fuzzing parsers with inputs that are almost right: a valid sample (an event,
 * a policy) with one to three of its fields dropped, retyped, blown up or poisoned. Random JSON
 * rarely gets past a parser's first check; these reach the checks deep inside.
 */
import fc from 'fast-check';

type Path = readonly (string | number)[];

/** Keys that find Object.prototype members when a parser indexes a plain object with them. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
] as const;

/** Values of the wrong type, size or alphabet for almost any field. */
export function oddValue(interesting: readonly unknown[] = []): fc.Arbitrary<unknown> {
  const arbitraries: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(null, true, false, 0, -1, 1e21, 0.5, '', ' ', '\u0000', '\n', 'null', 'undefined'),
    fc.integer(),
    fc.double(),
    fc.integer().map(String),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    // Huge strings are cheap to make by repetition and must stay cheap to reject.
    fc.nat({ max: 300_000 }).map((length) => 'x'.repeat(length)),
    fc.array(fc.array(fc.array(fc.integer(), { maxLength: 3 }), { maxLength: 3 }), { maxLength: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(...PROTOTYPE_KEYS),
  ];
  if (interesting.length > 0) arbitraries.push(fc.constantFrom(...interesting));
  return fc.oneof(...arbitraries);
}

type Mutation =
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | { readonly op: 'retype'; readonly at: number }
  | { readonly op: 'inject'; readonly at: number; readonly key: string; readonly value: unknown };

function mutation(interesting: readonly unknown[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at }),
    fc.record({ op: fc.constant('set' as const), at, value: oddValue(interesting) }),
    fc.record({ op: fc.constant('retype' as const), at }),
    fc.record({
      op: fc.constant('inject' as const),
      at,
      key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 })),
      value: oddValue(interesting),
    }),
  );
}

/** Every path to a value inside `value` (the root excluded), parents before children. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  // Index by hand: a list is never given own keys here, but `map` would consult its species.
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? Array.from({ length: value.length }, (_, index): [number, unknown] => [index, value[index]])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** The same property definition JSON.parse gives a key: an own, enumerable data property. */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A number written as a string, a string of digits as a number, a scalar wrapped in a list. */
function retype(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : [value];
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value[0] ?? {};
  if (value === null) return {};
  return [value];
}

function apply(document: unknown, change: Mutation): unknown {
  const paths = pathsOf(document);
  if (paths.length === 0) return change.op === 'set' ? change.value : document;
  const path = paths[change.at % paths.length] as Path;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
  const key = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, unknown>;
  switch (change.op) {
    case 'delete':
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
      break;
    case 'set':
      define(container, key, change.value);
      break;
    case 'retype':
      define(container, key, retype(container[key]));
      break;
    case 'inject': {
      // Into objects only: JSON cannot give a list named keys.
      const target = container[key];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        define(target, change.key, change.value);
      } else if (!Array.isArray(container)) {
        define(container, change.key, change.value);
      }
      break;
    }
  }
  return document;
}

/**
 * `sample` with one to three mutations, each at a path drawn from the (mutated) document.
 * `interesting` adds domain values the mutations may plant (a region that does not exist, a
 * retention out of range…), so near-misses of the domain rules are hit, not only type errors.
 */
export function nearValid(sample: unknown, interesting: readonly unknown[] = []): fc.Arbitrary<unknown> {
  return fc.array(mutation(interesting), { minLength: 1, maxLength: 3 }).map((changes) => {
    let document: unknown = structuredClone(sample);
    for (const change of changes) document = apply(document, change);
    return document;
  });
}

/** JSON text that is almost right: cut short, doubly encoded, wrapped, or with trailing garbage. */
export function nearValidJsonText(sample: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(sample);
  return fc.oneof(
    fc.nat({ max: text.length }).map((cut) => text.slice(0, cut)),
    fc.constant(JSON.stringify(text)),
    fc.constant(`[${text}]`),
    fc.string({ minLength: 1, maxLength: 8 }).map((garbage) => `${text}${garbage}`),
    fc.constant(text.replace(/"/g, "'")),
  );
}
