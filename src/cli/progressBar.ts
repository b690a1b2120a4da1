import type { OverallProgress } from '../sweep/sweepProgress.js';
import type { Printer } from './printer.js';

const BAR_WIDTH = 10;

/**
 * `[#####-----] 1/2 targets, 120/240 namespaces, 7 non-compliant`: one bar over every
 * (account, region) being looked at. While a listing still pages, the namespace total is what
 * has been found so far, marked with a `+`.
 */
export function formatProgressBar(progress: OverallProgress, width = BAR_WIDTH): string {
  const { processed, discovered, listingComplete, nonCompliant, targets, targetsDone } = progress;
  const filled = filledCells(progress, width);
  const total = `${discovered}${listingComplete ? '' : '+'}`;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${targetsDone}/${targets} target${targets === 1 ? '' : 's'}, ` +
    `${processed}/${total} namespaces, ${nonCompliant} non-compliant`
  );
}

function filledCells({ fraction }: OverallProgress, width: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * width);
}

/**
 * Shows progress through `printer.status`, but only when the bar visibly changes (a cell
 * fills, a target finishes, a non-compliant namespace turns up, a listing ends): off a terminal
 * every status is a line of its own, and a sweep of thousands of namespaces should not print
 * thousands.
 */
export function createProgressReporter(printer: Printer) {
  let lastKey: string | undefined;
  let last: OverallProgress | undefined;
  let shown: string | undefined;
  const show = (progress: OverallProgress) => {
    shown = formatProgressBar(progress);
    printer.status(shown);
  };
  return {
    update(progress: OverallProgress): void {
      last = progress;
      const key = [
        filledCells(progress, BAR_WIDTH),
        progress.targetsDone,
        progress.nonCompliant,
        progress.listingComplete,
      ].join('/');
      if (key === lastKey) return;
      lastKey = key;
      show(progress);
    },
    /** The final count, always shown. */
    finish(): void {
      if (last !== undefined && formatProgressBar(last) !== shown) show(last);
    },
  };
}
