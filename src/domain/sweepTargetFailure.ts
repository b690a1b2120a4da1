import { CopyAutopilotError } from './errors.js';
import type { TargetRefusalReason } from './scope/decideTarget.js';

/** A target was swept, but not all of it: some namespaces were unreadable or not requested. */
export class SweepIncompleteError extends CopyAutopilotError {
  public readonly unreadable: number;
  public readonly notRequested: number;

  public constructor(unreadable: number, notRequested: number, firstError: string) {
    super(
      `sweep incomplete: ${unreadable} namespace(s) unreadable, ${notRequested} request(s) not accepted by EventBridge (first error: ${firstError})`,
    );
    this.name = 'SweepIncompleteError';
    this.unreadable = unreadable;
    this.notRequested = notRequested;
  }
}

/**
 * The policy's scope does not manage the task's account or region (decideTarget said so). The
 * same task would be refused again: dead-lettered at once with `reason`.
 */
export class TargetRefusedError extends CopyAutopilotError {
  public readonly reason: TargetRefusalReason;

  public constructor(reason: TargetRefusalReason, message: string) {
    super(message);
    this.name = 'TargetRefusedError';
    this.reason = reason;
  }
}
