import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  InvalidEventPatternError,
  matchesPattern,
} from '../../../src/local/services/events/pattern/index.js';
import fixtures from './fixtures/patterns.json' with { type: 'json' };

interface MatchCase {
  readonly name: string;
  readonly pattern: string | object;
  readonly event: object;
  readonly matches: boolean;
}

interface InvalidCase {
  readonly name: string;
  readonly pattern: string | object;
  readonly error: string;
}

const cases = fixtures.cases as readonly (MatchCase | InvalidCase)[];
const matchCases = cases.filter((fixture): fixture is MatchCase => 'matches' in fixture);
const invalidCases = cases.filter((fixture): fixture is InvalidCase => 'error' in fixture);

describe('Function: matchesPattern', () => {
  it.each(matchCases)('$name', ({ pattern, event, matches }) => {
    // Prepare
    const compiled = compilePattern(pattern);

    // Act
    const result = matchesPattern(compiled, event);

    // Assess
    expect(result).toBe(matches);
  });
});

describe('Function: compilePattern', () => {
  it.each(invalidCases)('rejects $name', ({ pattern, error }) => {
    // Act
    const compile = (): unknown => compilePattern(pattern);

    // Assess
    expect(compile).toThrow(InvalidEventPatternError);
    expect(compile).toThrow(error);
  });

  it('says "Event pattern is not valid. Reason:" before the reason', () => {
    // Act
    const compile = (): unknown => compilePattern({ source: [{ contains: 'aws' }] });

    // Assess
    expect(compile).toThrow('Event pattern is not valid. Reason: Unrecognized match type contains');
  });

  it('keeps the pattern text it was given', () => {
    // Prepare
    const text = '{ "source": ["copy-autopilot"] }';

    // Act
    const compiled = compilePattern(text);

    // Assess
    expect(compiled.source).toBe(text);
  });
});
