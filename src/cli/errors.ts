import { CopyAutopilotError } from '../domain/errors.js';

/** A mistake in how the command was called; printed with its resolution, exit code 2. */
export class UsageError extends CopyAutopilotError {
  public readonly resolution?: string;
  public constructor(message: string, resolution?: string) {
    super(message);
    this.name = 'UsageError';
    this.resolution = resolution;
  }
}
