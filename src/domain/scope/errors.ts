import { CopyAutopilotError } from '../errors.js';
import { TargetRefusalReason } from './decideTarget.js';

/**
 * An account the autopilot must not act in: not the stack's own and not reachable through the
 * member role (none configured, or the role refused AssumeRole). Raised by the adapters as a
 * last line of defence behind `decideTarget`; classifyServiceError's table dead-letters the
 * record at once with reason AccountNotManaged, before any Redshift Serverless call.
 */
export class AccountNotManagedError extends CopyAutopilotError {
  public readonly reason = TargetRefusalReason.AccountNotManaged;
  public readonly account: string;

  public constructor(account: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AccountNotManagedError';
    this.account = account;
  }
}
