/**
 * The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, dot notation
 * (names with letters, digits, `-`, `_`, `/`), array indices (`[0]`), bracketed names
 * (`['a b']`) and wildcards (`.*`, `[*]`).
 */
type Step =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | {
      readonly kind: 'wildcard';
    };

const STEP = /^(?:\.([A-Za-z0-9_\-/@$]+)|\.(\*)|\[(\d+)\]|\[(\*)\]|\['([^']*)'\]|\["([^"]*)"\])/;

/** The steps of a path, or `undefined` when EventBridge would refuse it. */
export function parseJsonPath(path: string): readonly Step[] | undefined {
  if (!path.startsWith('$')) {
    return undefined;
  }
  const steps: Step[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (match === null) {
      return undefined;
    }
    const [whole, dotName, dotStar, index, bracketStar, singleQuoted, doubleQuoted] = match;
    if (dotStar !== undefined || bracketStar !== undefined) {
      steps.push({ kind: 'wildcard' });
    } else if (index !== undefined) {
      steps.push({ kind: 'index', index: Number(index) });
    } else {
      steps.push({ kind: 'name', name: dotName ?? singleQuoted ?? doubleQuoted ?? '' });
    }
    rest = rest.slice(whole.length);
  }
  return steps;
}

/** The value at `path` in `document`; `undefined` when absent. A wildcard yields an array. */
export function readJsonPath(document: unknown, path: string): unknown {
  const steps = parseJsonPath(path);
  if (steps === undefined) {
    return undefined;
  }
  let current: unknown = document;
  let spread = false;
  for (const step of steps) {
    const apply = (value: unknown): unknown[] => {
      if (step.kind === 'wildcard') {
        if (Array.isArray(value)) return value;
        return value !== null && typeof value === 'object' ? Object.values(value) : [];
      }
      if (step.kind === 'index') {
        return Array.isArray(value) && step.index < value.length ? [value[step.index]] : [];
      }
      return value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.hasOwn(value, step.name)
        ? [(value as Record<string, unknown>)[step.name]]
        : [];
    };
    if (spread) {
      current = (current as unknown[]).flatMap(apply);
    } else {
      const results = apply(current);
      if (step.kind === 'wildcard') {
        spread = true;
        current = results;
      } else if (results.length === 0) {
        return undefined;
      } else {
        current = results[0];
      }
    }
  }
  return current;
}
