import { LocalCloudError } from '../../../errors.js';

/**
 * A pattern that does not compile. `reason` is the event-ruler wording AWS quotes after
 * `Event pattern is not valid. Reason:` in an InvalidEventPatternException.
 */
export class InvalidEventPatternError extends LocalCloudError {
  public readonly reason: string;

  public constructor(reason: string, options?: ErrorOptions) {
    super(`Event pattern is not valid. Reason: ${reason}`, options);
    this.name = 'InvalidEventPatternError';
    this.reason = reason;
  }
}
