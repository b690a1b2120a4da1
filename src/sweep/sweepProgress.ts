import { isCompliant } from '../domain/compliance/evaluateCompliance.js';
import type { AssessmentEvent } from './assessNamespaces.js';

/** How far an assessment of a region has come; what a progress bar shows. */
export interface SweepProgress {
  /** Namespaces the listing has returned so far. */
  readonly discovered: number;
  /** True once the last ListNamespaces page arrived: `discovered` is the total. */
  readonly listingComplete: boolean;
  /** Namespaces done with: judged, gone or unreadable. */
  readonly processed: number;
  readonly nonCompliant: number;
}

export const INITIAL_PROGRESS: SweepProgress = {
  discovered: 0,
  listingComplete: false,
  processed: 0,
  nonCompliant: 0,
};

/** The progress after one more assessment event. Pure. */
export function advanceProgress(progress: SweepProgress, event: AssessmentEvent): SweepProgress {
  switch (event.kind) {
    case 'listed':
      return { ...progress, discovered: event.discovered, listingComplete: event.complete };
    case 'assessed':
      return {
        ...progress,
        processed: progress.processed + 1,
        nonCompliant: progress.nonCompliant + (isCompliant(event.compliance.verdict) ? 0 : 1),
      };
    case 'gone':
      return { ...progress, processed: progress.processed + 1 };
    case 'failed':
      // A namespace whose copy configuration cannot be read cannot be called compliant.
      return { ...progress, processed: progress.processed + 1, nonCompliant: progress.nonCompliant + 1 };
  }
}

/** One target's progress, and whether it is over (swept or failed). */
export interface TargetProgress {
  readonly progress: SweepProgress;
  readonly done: boolean;
}

/** Every target's progress added up: what one progress bar over a whole scope shows. */
export interface OverallProgress extends SweepProgress {
  readonly targets: number;
  readonly targetsDone: number;
  /** 0–1: targets that are over count whole, the others by processed / discovered once listed. */
  readonly fraction: number;
}

/** Adds up the targets' progress. Pure. */
export function overallProgress(targets: readonly TargetProgress[]): OverallProgress {
  let discovered = 0;
  let processed = 0;
  let nonCompliant = 0;
  let targetsDone = 0;
  let completed = 0;
  for (const { progress, done } of targets) {
    discovered += progress.discovered;
    processed += progress.processed;
    nonCompliant += progress.nonCompliant;
    if (done) targetsDone += 1;
    completed += done ? 1 : targetFraction(progress);
  }
  return {
    targets: targets.length,
    targetsDone,
    discovered,
    listingComplete: targets.every(({ progress, done }) => done || progress.listingComplete),
    processed,
    nonCompliant,
    fraction: targets.length === 0 ? 1 : completed / targets.length,
  };
}

function targetFraction({ listingComplete, discovered, processed }: SweepProgress): number {
  if (!listingComplete) return 0;
  return discovered === 0 ? 1 : Math.min(1, processed / discovered);
}
