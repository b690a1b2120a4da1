/**
 * One base class for every error copy-autopilot raises on purpose, so callers can tell our
 * typed failures from faults (`instanceof CopyAutopilotError`).
 */
export class CopyAutopilotError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CopyAutopilotError';
  }
}
