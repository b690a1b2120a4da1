import { LocalCloudError } from '../errors.js';

/** A fault rule the control API (or a test) cannot accept; `field` names what is wrong. */
export class InvalidFaultRuleError extends LocalCloudError {
  public readonly field: string;
  public constructor(field: string, message: string) {
    super(`Invalid fault rule: ${field} ${message}`);
    this.name = 'InvalidFaultRuleError';
    this.field = field;
  }
}
