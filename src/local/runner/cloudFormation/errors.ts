import { LocalCloudError } from '../../errors.js';

/** A template the local deployer cannot apply: an unresolvable reference, an unsupported intrinsic. */
export class TemplateError extends LocalCloudError {
  public readonly logicalId?: string;
  public constructor(message: string, logicalId?: string) {
    super(logicalId ? `${logicalId}: ${message}` : message);
    this.name = 'TemplateError';
    this.logicalId = logicalId;
  }
}
