import { InvalidEventPatternError } from './InvalidEventPatternError.js';
import type { ValueMatcher } from './types.js';

const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';

interface Bound {
  readonly value: number;
  readonly open: boolean;
}

const isNumber = (value: unknown): value is number => typeof value === 'number';

/** Text of a JSON token the way event-ruler quotes it in errors. */
function tokenText(value: unknown): string {
  if (value === undefined) {
    return ']';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return '[';
  }
  if (value !== null && typeof value === 'object') {
    return '{';
  }
  return String(value);
}

/**
 * Compiles `{ "numeric": [ ">", 0, "<=", 5 ] }`: one comparison, an `=`, or a lower bound
 * (`>`/`>=`) followed by an upper bound (`<`/`<=`). Matches JSON numbers only.
 */
export function compileNumeric(operand: unknown): ValueMatcher {
  if (!Array.isArray(operand)) {
    throw new InvalidEventPatternError('Value of numeric must be an array.');
  }
  const [operator, first, ...rest] = operand as unknown[];
  if (typeof operator !== 'string') {
    throw new InvalidEventPatternError(`Invalid member in numeric match: ${tokenText(operator)}`);
  }
  const requireNumber = (value: unknown, label: string): number => {
    if (!isNumber(value)) {
      throw new InvalidEventPatternError(`Value of ${label} must be numeric`);
    }
    return value;
  };
  const requireEnd = (): void => {
    if (rest.length > 0) {
      throw new InvalidEventPatternError(TOO_MANY_ELEMENTS);
    }
  };
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  switch (operator) {
    case '=': {
      const value = requireNumber(first, 'equals');
      requireEnd();
      return { operator: 'numeric', matches: (candidate) => isNumber(candidate) && candidate === value };
    }
    case '<':
    case '<=':
      upper = { value: requireNumber(first, operator), open: operator === '<' };
      requireEnd();
      break;
    case '>':
    case '>=': {
      lower = { value: requireNumber(first, operator), open: operator === '>' };
      if (rest.length > 0) {
        upper = compileUpperBound(rest);
        if (lower.value >= upper.value) {
          throw new InvalidEventPatternError('Bottom must be less than top');
        }
      }
      break;
    }
    default:
      throw new InvalidEventPatternError(`Unrecognized numeric range operator: ${operator}`);
  }
  const within = (candidate: number): boolean =>
    (lower === undefined || (lower.open ? candidate > lower.value : candidate >= lower.value)) &&
    (upper === undefined || (upper.open ? candidate < upper.value : candidate <= upper.value));
  return { operator: 'numeric', matches: (candidate) => isNumber(candidate) && within(candidate) };
}

function compileUpperBound(terms: readonly unknown[]): Bound {
  const [operator, value, ...extra] = terms;
  if (typeof operator !== 'string') {
    throw new InvalidEventPatternError(`Bad value in numeric range: ${tokenText(operator)}`);
  }
  if (operator !== '<' && operator !== '<=') {
    throw new InvalidEventPatternError(`Bad numeric range operator: ${operator}`);
  }
  if (!isNumber(value)) {
    throw new InvalidEventPatternError(`Value of ${operator} must be numeric`);
  }
  if (extra.length > 0) {
    throw new InvalidEventPatternError('Too many terms in numeric range expression');
  }
  return { value, open: operator === '<' };
}
