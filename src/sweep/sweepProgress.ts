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
