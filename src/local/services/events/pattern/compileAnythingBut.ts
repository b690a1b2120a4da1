import { compileWildcard } from './compileWildcard.js';
import { InvalidEventPatternError } from './InvalidEventPatternError.js';
import type { LeafValue, ValueMatcher } from './types.js';

const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How one string operand of `anything-but: { <kind>: … }` excludes a string value. */
const EXCLUSION_FACTORIES = {
  'equals-ignore-case': (operand: string) => {
    const folded = operand.toLowerCase();
    return (value: string) => value.toLowerCase() === folded;
  },
  prefix: (operand: string) => (value: string) => value.startsWith(operand),
  suffix: (operand: string) => (value: string) => value.endsWith(operand),
  wildcard: (operand: string) => compileWildcard(operand),
} as const satisfies Record<string, (operand: string) => (value: string) => boolean>;

type ExclusionKind = keyof typeof EXCLUSION_FACTORIES;

const NOT_A_STRING_MESSAGES: Record<ExclusionKind, string> = {
  'equals-ignore-case':
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  prefix: 'prefix/suffix match pattern must be a string',
  suffix: 'prefix/suffix match pattern must be a string',
  wildcard: 'wildcard match pattern must be a string',
};

/**
 * Compiles `{ "anything-but": … }`: a string, a number, a list of only strings or only
 * numbers, or `{ prefix | suffix | equals-ignore-case | wildcard: string | string[] }`.
 * It matches any value present in the event (of any type) that the operand does not exclude.
 */
export function compileAnythingBut(operand: unknown): ValueMatcher {
  if (isPlainObject(operand)) {
    return compileExclusionSet(operand);
  }
  if (Array.isArray(operand)) {
    return excludingValues(compileValueList(operand));
  }
  if (typeof operand === 'string' || typeof operand === 'number') {
    return excludingValues([operand]);
  }
  throw new InvalidEventPatternError('Value of anything-but must be an array or single string/number value.');
}

function compileValueList(values: readonly unknown[]): readonly (string | number)[] {
  let hasString = false;
  let hasNumber = false;
  for (const value of values) {
    if (typeof value === 'string') {
      hasString = true;
    } else if (typeof value === 'number') {
      hasNumber = true;
    } else {
      throw new InvalidEventPatternError('Inside anything but list, start|null|boolean is not supported.');
    }
  }
  if (hasString === hasNumber) {
    throw new InvalidEventPatternError(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  }
  return values as readonly (string | number)[];
}

function excludingValues(excluded: readonly (string | number)[]): ValueMatcher {
  const set = new Set<LeafValue>(excluded);
  return { operator: 'anything-but', matches: (value) => !set.has(value) };
}

function compileExclusionSet(expression: Record<string, unknown>): ValueMatcher {
  const [kind, ...extraKeys] = Object.keys(expression);
  if (kind === undefined) {
    throw new InvalidEventPatternError('Anything-but expression name not found');
  }
  if (!Object.hasOwn(EXCLUSION_FACTORIES, kind)) {
    throw new InvalidEventPatternError(`Unsupported anything-but pattern: ${kind}`);
  }
  const exclusionKind = kind as ExclusionKind;
  const operand = expression[kind];
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    throw new InvalidEventPatternError(
      'Value of anything-but must be an array or single string/number value.',
    );
  }
  const operands = Array.isArray(operand) ? operand : [operand];
  const tests = operands.map((item: unknown) => {
    if (typeof item !== 'string') {
      throw new InvalidEventPatternError(NOT_A_STRING_MESSAGES[exclusionKind]);
    }
    if ((exclusionKind === 'prefix' || exclusionKind === 'suffix') && item === '') {
      throw new InvalidEventPatternError('Null prefix/suffix not allowed');
    }
    return EXCLUSION_FACTORIES[exclusionKind](item);
  });
  if (extraKeys.length > 0) {
    throw new InvalidEventPatternError(TOO_MANY_ELEMENTS);
  }
  return {
    operator: `anything-but/${exclusionKind}`,
    matches: (value) => typeof value !== 'string' || !tests.some((excludes) => excludes(value)),
  };
}
