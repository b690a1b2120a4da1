import type { SweepProgress } from '../sweep/sweepProgress.js';
import type { Printer } from './printer.js';

const BAR_WIDTH = 10;

/**
 * `[#####-----] 120/240 namespaces, 7 non-compliant`. While the listing still pages, the total
 * is what it has found so far, marked with a `+`.
 */
export function formatProgressBar(progress: SweepProgress, width = BAR_WIDTH): string {
  const { processed, discovered, listingComplete, nonCompliant } = progress;
  const filled = filledCells(progress, width);
  const total = `${discovered}${listingComplete ? '' : '+'}`;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${processed}/${total} namespaces, ${nonCompliant} non-compliant`;
}

function filledCells({ processed, discovered, listingComplete }: SweepProgress, width: number): number {
  const ratio = discovered === 0 ? (listingComplete ? 1 : 0) : Math.min(1, processed / discovered);
  return Math.round(ratio * width);
}

/**
 * Shows progress through `printer.status`, but only when the bar visibly changes (a cell
 * fills, a non-compliant namespace turns up, the listing ends): off a terminal every status is
 * a line of its own, and a sweep of thousands of namespaces should not print thousands.
 */
export function createProgressReporter(printer: Printer, prefix: string) {
  let lastKey: string | undefined;
  let last: SweepProgress | undefined;
  let shown: string | undefined;
  const show = (progress: SweepProgress) => {
    shown = `${prefix}${formatProgressBar(progress)}`;
    printer.status(shown);
  };
  return {
    update(progress: SweepProgress): void {
      last = progress;
      const key = `${filledCells(progress, BAR_WIDTH)}/${progress.nonCompliant}/${progress.listingComplete}`;
      if (key === lastKey) return;
      lastKey = key;
      show(progress);
    },
    /** The final count, always shown. */
    finish(): void {
      if (last !== undefined && `${prefix}${formatProgressBar(last)}` !== shown) show(last);
    },
  };
}
