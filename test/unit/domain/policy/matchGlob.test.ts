import { describe, expect, it } from 'vitest';
import { matchGlob } from '../../../../src/domain/policy/matchGlob.js';

describe('Function: matchGlob', () => {
  it.each([
    ['prod-*', 'prod-orders', true],
    ['prod-*', 'prod-', true],
    ['prod-*', 'staging-prod-orders', false],
    ['*-analytics', 'team-a-analytics', true],
    ['*-analytics', 'team-a-analytics-old', false],
    ['orders', 'orders', true],
    ['orders', 'orders2', false],
    ['ord?rs', 'orders', true],
    ['ord?rs', 'ordrs', false],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['*a*a*b', 'aaaaaaaaab', true],
    ['**', 'anything', true],
    ['?', '', false],
  ])('matches "%s" against "%s": %s', (pattern, value, expected) => {
    // Act
    const result = matchGlob(pattern, value);

    // Assess
    expect(result).toBe(expected);
  });

  it('treats regular-expression characters as themselves', () => {
    // Act & Assess
    expect(matchGlob('a.c', 'abc')).toBe(false);
    expect(matchGlob('a.c', 'a.c')).toBe(true);
    expect(matchGlob('(a+)+$', '(a+)+$')).toBe(true);
    expect(matchGlob('[ab]', 'a')).toBe(false);
  });

  it('is case-sensitive', () => {
    // Act & Assess
    expect(matchGlob('prod-*', 'PROD-orders')).toBe(false);
  });

  it('answers quickly for patterns that make backtracking regular expressions explode', () => {
    // Prepare
    const pattern = `${'*a'.repeat(30)}b`;
    const value = 'a'.repeat(5000);

    // Act
    const result = matchGlob(pattern, value);

    // Assess: finishing at all is the point; a naive recursive matcher would not.
    expect(result).toBe(false);
  });
});
