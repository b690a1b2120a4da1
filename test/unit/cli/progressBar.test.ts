import { describe, expect, it } from 'vitest';
import { createMemoryPrinter } from '../../../src/cli/printer.js';
import { createProgressReporter, formatProgressBar } from '../../../src/cli/progressBar.js';
import { overallProgress, type SweepProgress } from '../../../src/sweep/sweepProgress.js';

const progress = (
  processed: number,
  discovered: number,
  nonCompliant = 0,
  listingComplete = true,
): SweepProgress => ({
  processed,
  discovered,
  nonCompliant,
  listingComplete,
});

describe('Function: overallProgress', () => {
  it('adds up the targets, counting a finished target whole and the others by what they processed', () => {
    // Act
    const overall = overallProgress([
      { progress: progress(10, 10, 1), done: true },
      { progress: progress(50, 100, 2), done: false },
      { progress: progress(5, 100, 0, false), done: false },
      { progress: progress(0, 0), done: true },
    ]);

    // Assess
    expect(overall).toEqual({
      targets: 4,
      targetsDone: 2,
      discovered: 210,
      processed: 65,
      nonCompliant: 3,
      listingComplete: false,
      fraction: (1 + 0.5 + 0 + 1) / 4,
    });
  });
});

describe('Function: formatProgressBar', () => {
  it('returns the bar, the targets done, the namespaces and the non-compliant ones', () => {
    // Act & Assess
    expect(formatProgressBar(overallProgress([{ progress: progress(120, 240, 7), done: false }]))).toBe(
      '[#####-----] 0/1 target, 120/240 namespaces, 7 non-compliant',
    );
  });

  it('marks the total as a lower bound while a listing still pages', () => {
    // Act
    const bar = formatProgressBar(
      overallProgress([
        { progress: progress(50, 100, 0, false), done: false },
        { progress: progress(3, 3), done: true },
      ]),
    );

    // Assess
    expect(bar).toBe('[#####-----] 1/2 targets, 53/103+ namespaces, 0 non-compliant');
  });

  it('returns a full bar once every target is done, namespaces or not', () => {
    // Act & Assess
    expect(formatProgressBar(overallProgress([{ progress: progress(0, 0), done: true }]))).toBe(
      '[##########] 1/1 target, 0/0 namespaces, 0 non-compliant',
    );
  });
});

describe('Function: createProgressReporter', () => {
  it('prints only when the bar visibly changes, and the final count once', () => {
    // Prepare
    const printer = createMemoryPrinter();
    const reporter = createProgressReporter(printer);

    // Act
    for (let done = 1; done <= 100; done += 1) {
      reporter.update(overallProgress([{ progress: progress(done, 100, done >= 42 ? 1 : 0), done: false }]));
    }
    reporter.update(overallProgress([{ progress: progress(100, 100, 1), done: true }]));
    reporter.finish();

    // Assess
    // The empty bar, ten cells filling, one non-compliant namespace turning up, the target done.
    expect(printer.err).toHaveLength(13);
    expect(printer.err.at(-1)).toBe('[##########] 1/1 target, 100/100 namespaces, 1 non-compliant');
    expect(printer.err.filter((line) => line.includes('1/1 target'))).toHaveLength(1);
  });
});
