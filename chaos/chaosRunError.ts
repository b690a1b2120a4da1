import { CopyAutopilotError } from '../src/domain/errors.js';

/** The chaos run could not carry out its scenario (not a finding about the automation). */
export class ChaosRunError extends CopyAutopilotError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ChaosRunError';
  }
}
