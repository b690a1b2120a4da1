import { describe, expect, it } from 'vitest';
import { createMemoryPrinter } from '../../../src/cli/printer.js';
import { createProgressReporter, formatProgressBar } from '../../../src/cli/progressBar.js';

const progress = (processed: number, discovered: number, nonCompliant = 0, listingComplete = true) => ({
  processed,
  discovered,
  nonCompliant,
  listingComplete,
});

describe('Function: formatProgressBar', () => {
  it('returns the bar, the count and the non-compliant namespaces', () => {
    // Act & Assess
    expect(formatProgressBar(progress(120, 240, 7))).toBe('[#####-----] 120/240 namespaces, 7 non-compliant');
  });

  it('marks the total as a lower bound while the listing still pages', () => {
    // Act & Assess
    expect(formatProgressBar(progress(50, 100, 0, false))).toBe(
      '[#####-----] 50/100+ namespaces, 0 non-compliant',
    );
  });

  it('returns a full bar for a region without namespaces', () => {
    // Act & Assess
    expect(formatProgressBar(progress(0, 0))).toBe('[##########] 0/0 namespaces, 0 non-compliant');
  });
});

describe('Function: createProgressReporter', () => {
  it('prints only when the bar visibly changes, and the final count once', () => {
    // Prepare
    const printer = createMemoryPrinter();
    const reporter = createProgressReporter(printer, 'us-east-1 ');

    // Act
    for (let done = 1; done <= 100; done += 1) reporter.update(progress(done, 100, done >= 42 ? 1 : 0));
    reporter.finish();

    // Assess
    // The empty bar, ten cells filling, one non-compliant namespace turning up, the final count.
    expect(printer.err).toHaveLength(13);
    expect(printer.err.at(-1)).toBe('us-east-1 [##########] 100/100 namespaces, 1 non-compliant');
    expect(printer.err.filter((line) => line.includes('100/100'))).toHaveLength(1);
  });
});
