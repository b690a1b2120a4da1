import { describe, expect, it } from 'vitest';
import { ChaosUsageError, parseChaosArguments } from '../../../chaos/chaosArguments.js';

describe('Function: parseChaosArguments', () => {
  it('runs 5,000 namespaces with seed 42 over 60 s, settling within 180 s, by default', () => {
    // Act
    const request = parseChaosArguments([]);

    // Assess
    expect(request).toEqual({ kind: 'run', namespaces: 5000, seed: 42, sendSeconds: 60, settleSeconds: 180 });
  });

  it('reads every option', () => {
    // Act
    const request = parseChaosArguments([
      '--namespaces',
      '300',
      '--seed',
      '7',
      '--send-seconds',
      '20',
      '--settle-seconds',
      '90',
    ]);

    // Assess
    expect(request).toEqual({ kind: 'run', namespaces: 300, seed: 7, sendSeconds: 20, settleSeconds: 90 });
  });

  it.each([
    ['an unknown option', ['--accounts', '10'], /Unknown option '--accounts'/],
    ['zero namespaces', ['--namespaces', '0'], /--namespaces must be a positive integer/],
    ['a seed that is not a whole number', ['--seed', 'x'], /--seed must be a positive integer/],
    ['a bad value next to --help', ['--help', '--seed', '1.5'], /--seed must be a positive integer/],
  ])('refuses %s with a ChaosUsageError', (_case, argv, message) => {
    // Act
    const parse = () => parseChaosArguments(argv);

    // Assess
    expect(parse).toThrow(ChaosUsageError);
    expect(parse).toThrow(message);
  });

  it('answers --help', () => {
    // Act
    const request = parseChaosArguments(['--help']);

    // Assess
    expect(request).toEqual({ kind: 'help' });
  });
});
