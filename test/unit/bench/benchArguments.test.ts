import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArguments } from '../../../bench/benchArguments.js';

const NAMES = ['bundleSize', 'coldStart', 'scale'];

describe('Function: parseBenchArguments', () => {
  it('runs every benchmark at full size without arguments', () => {
    // Act
    const request = parseBenchArguments([], NAMES);

    // Assess
    expect(request).toEqual({ kind: 'run', quick: false, only: [], out: undefined });
  });

  it('reads --only as a comma-separated list, repeatable, with --quick and --out', () => {
    // Act
    const request = parseBenchArguments(
      ['--quick', '--only', 'bundleSize,coldStart', '--only', 'scale', '--out', 'x.json'],
      NAMES,
    );

    // Assess
    expect(request).toEqual({
      kind: 'run',
      quick: true,
      only: ['bundleSize', 'coldStart', 'scale'],
      out: 'x.json',
    });
  });

  it.each([
    ['an unknown option', ['--fast'], /Unknown option '--fast'/],
    ['an unknown benchmark', ['--only', 'scale,speed'], /unknown benchmark: speed/],
    ['an unknown benchmark next to --help', ['--help', '--only', 'speed'], /unknown benchmark: speed/],
  ])('refuses %s with a BenchUsageError', (_case, argv, message) => {
    // Act
    const parse = () => parseBenchArguments(argv, NAMES);

    // Assess
    expect(parse).toThrow(BenchUsageError);
    expect(parse).toThrow(message);
  });

  it('answers --help once the other arguments are valid', () => {
    // Act
    const request = parseBenchArguments(['--only', 'scale', '--help'], NAMES);

    // Assess
    expect(request).toEqual({ kind: 'help' });
  });
});
