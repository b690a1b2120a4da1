import { CopyAutopilotError } from '../domain/errors.js';

/** A missing or malformed environment variable; names the variable so the fix is obvious. */
export class ConfigError extends CopyAutopilotError {
  public readonly variable: string;

  public constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
