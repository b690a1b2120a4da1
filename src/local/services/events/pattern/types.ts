/** A value at a leaf of an event: what event patterns compare against. */
export type LeafValue = string | number | boolean | null;

/** One compiled entry of a leaf array, e.g. `"x"`, `{ "prefix": "us-" }`, `{ "numeric": [">", 0] }`. */
export interface ValueMatcher {
  /** The operator it came from (`exact`, `prefix`, `anything-but`, …): for diagnostics only. */
  readonly operator: string;
  /** Whether one value present in the event satisfies it. */
  matches(value: LeafValue): boolean;
}

/** A leaf array: matches if any of its matchers does; `exists` decides on presence instead. */
export interface LeafNode {
  readonly kind: 'leaf';
  readonly matchers: readonly ValueMatcher[];
  /** `true`/`false` when the array holds `{ "exists": … }`. */
  readonly exists: readonly boolean[];
}

/** An object level: every field must match, and each `$or` must have one branch that matches. */
export interface ObjectNode {
  readonly kind: 'object';
  readonly fields: ReadonlyMap<string, PatternNode>;
  readonly anyOf: readonly (readonly ObjectNode[])[];
}

export type PatternNode = LeafNode | ObjectNode;

/** A pattern validated and compiled once, ready for any number of `matchesPattern` calls. */
export interface CompiledPattern {
  readonly root: ObjectNode;
  /** The pattern as given, for DescribeRule/ListRules. */
  readonly source: string;
}
