import { compileAnythingBut } from './compileAnythingBut.js';
import { compileNumeric } from './compileNumeric.js';
import { compileWildcard } from './compileWildcard.js';
import { InvalidEventPatternError } from './InvalidEventPatternError.js';
import { compileCidr, parseIpAddress, sameIpAddress } from './ipAddress.js';
import type { LeafValue, ValueMatcher } from './types.js';

/** What `{ "exists": … }` compiles to: a decision on presence, not on a value. */
export interface ExistenceCheck {
  readonly exists: boolean;
}

export type CompiledExpression = ValueMatcher | ExistenceCheck;

interface OperatorFactory {
  compile(operand: unknown): CompiledExpression;
  /** event-ruler's complaint when a match expression has a second key. */
  readonly extraKeyMessage: string;
}

const ONLY_ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const requireString = (operand: unknown, message: string): string => {
  if (typeof operand !== 'string') {
    throw new InvalidEventPatternError(message);
  }
  return operand;
};

const onString =
  (test: (value: string) => boolean) =>
  (value: LeafValue): boolean =>
    typeof value === 'string' && test(value);

/**
 * `prefix`/`suffix` take a string, or `{ "equals-ignore-case": string }` to ignore case.
 */
function affixFactory(kind: 'prefix' | 'suffix'): OperatorFactory {
  const label = kind === 'prefix' ? 'Prefix' : 'Suffix';
  const test = (value: string, affix: string): boolean =>
    kind === 'prefix' ? value.startsWith(affix) : value.endsWith(affix);
  return {
    extraKeyMessage: ONLY_ONE_KEY,
    compile: (operand) => {
      if (isPlainObject(operand)) {
        const [inner, ...extra] = Object.keys(operand);
        if (inner === undefined) {
          throw new InvalidEventPatternError(`${label} expression name not found`);
        }
        if (inner !== 'equals-ignore-case') {
          throw new InvalidEventPatternError(`Unsupported ${kind} pattern: ${inner}`);
        }
        const affix = requireString(operand[inner], 'equals-ignore-case match pattern must be a string');
        if (extra.length > 0) {
          throw new InvalidEventPatternError(ONLY_ONE_KEY);
        }
        const folded = affix.toLowerCase();
        return {
          operator: `${kind}/equals-ignore-case`,
          matches: onString((value) => test(value.toLowerCase(), folded)),
        };
      }
      const affix = requireString(operand, `${kind} match pattern must be a string`);
      return { operator: kind, matches: onString((value) => test(value, affix)) };
    },
  };
}

/**
 * One compile factory per operator of the event-pattern language, keyed by its JSON name.
 * Anything not in this table is refused at compile time (`Unrecognized match type …`).
 */
export const OPERATOR_FACTORIES: Readonly<Record<string, OperatorFactory>> = {
  exactly: {
    extraKeyMessage: ONLY_ONE_KEY,
    compile: (operand) => {
      const expected = requireString(operand, 'exact match pattern must be a string');
      return { operator: 'exactly', matches: (value) => value === expected };
    },
  },
  prefix: affixFactory('prefix'),
  suffix: affixFactory('suffix'),
  'equals-ignore-case': {
    extraKeyMessage: ONLY_ONE_KEY,
    compile: (operand) => {
      const folded = requireString(
        operand,
        'equals-ignore-case match pattern must be a string',
      ).toLowerCase();
      return { operator: 'equals-ignore-case', matches: onString((value) => value.toLowerCase() === folded) };
    },
  },
  wildcard: {
    extraKeyMessage: ONLY_ONE_KEY,
    compile: (operand) => {
      const test = compileWildcard(requireString(operand, 'wildcard match pattern must be a string'));
      return { operator: 'wildcard', matches: onString(test) };
    },
  },
  'anything-but': { extraKeyMessage: TOO_MANY_ELEMENTS, compile: compileAnythingBut },
  numeric: { extraKeyMessage: TOO_MANY_ELEMENTS, compile: compileNumeric },
  exists: {
    extraKeyMessage: ONLY_ONE_KEY,
    compile: (operand) => {
      if (typeof operand !== 'boolean') {
        throw new InvalidEventPatternError('exists match pattern must be either true or false.');
      }
      return { exists: operand };
    },
  },
  cidr: {
    extraKeyMessage: ONLY_ONE_KEY,
    compile: (operand) => {
      // sic: event-ruler reuses the prefix wording for a non-string CIDR
      const inRange = compileCidr(requireString(operand, 'prefix match pattern must be a string'));
      return {
        operator: 'cidr',
        matches: onString((value) => {
          const address = parseIpAddress(value);
          return address !== undefined && inRange(address);
        }),
      };
    },
  },
};

/**
 * A bare value in a leaf array. Numbers compare numerically with JSON numbers only (`300`
 * matches `3.0e2`, never `"300"`); strings that are IP literals compare as addresses, as
 * event-ruler does.
 */
export function compileExactValue(expected: LeafValue): ValueMatcher {
  if (typeof expected === 'string') {
    const address = parseIpAddress(expected);
    if (address !== undefined) {
      return {
        operator: 'exact',
        matches: onString((value) => {
          const candidate = parseIpAddress(value);
          return candidate === undefined ? value === expected : sameIpAddress(candidate, address);
        }),
      };
    }
  }
  return { operator: 'exact', matches: (value) => value === expected };
}
