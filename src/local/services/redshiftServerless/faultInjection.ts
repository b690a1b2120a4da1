import type { AwsServiceError } from '../../protocol/serviceError.js';
import { NAMESPACE_BUSY_MESSAGE, RedshiftServerlessErrorCode, redshiftError } from './serviceErrors.js';

/** Errors the control API can make the service answer, as AWS does under load or mid-change. */
export const InjectableFault = {
  Conflict: RedshiftServerlessErrorCode.Conflict,
  InternalServer: RedshiftServerlessErrorCode.InternalServer,
  Throttling: RedshiftServerlessErrorCode.Throttling,
  AccessDenied: RedshiftServerlessErrorCode.AccessDenied,
  ServiceQuotaExceeded: RedshiftServerlessErrorCode.ServiceQuotaExceeded,
} as const;
export type InjectableFault = (typeof InjectableFault)[keyof typeof InjectableFault];

export interface FaultRule {
  /** The error answered instead of running the call. */
  readonly errorCode: InjectableFault;
  /** How many matching calls fail; then the rule is spent. */
  readonly count: number;
  /** Only this operation (e.g. `CreateSnapshotCopyConfiguration`); every operation when absent. */
  readonly operation?: string;
  readonly message?: string;
}

const DEFAULT_MESSAGES: Readonly<Record<InjectableFault, string>> = {
  ConflictException: NAMESPACE_BUSY_MESSAGE,
  InternalServerException: 'The request processing has failed because of an unknown error.',
  ThrottlingException: 'Rate exceeded',
  AccessDeniedException: 'User is not authorized to perform this action.',
  ServiceQuotaExceededException: 'The service limit was exceeded.',
};

/** Spends fault rules in the order they were added; the first matching one answers the call. */
export class FaultInjector {
  readonly #rules: { rule: FaultRule; remaining: number }[] = [];

  public add(rule: FaultRule): void {
    if (!Number.isInteger(rule.count) || rule.count < 1) {
      throw new RangeError(`Fault count must be a positive integer, got ${rule.count}`);
    }
    this.#rules.push({ rule, remaining: rule.count });
  }

  public clear(): void {
    this.#rules.length = 0;
  }

  /** The error to answer `operation` with now, if a rule says so. */
  public take(operation: string): AwsServiceError | undefined {
    const entry = this.#rules.find(
      ({ rule, remaining }) =>
        remaining > 0 && (rule.operation === undefined || rule.operation === operation),
    );
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#rules.splice(this.#rules.indexOf(entry), 1);
    return redshiftError(entry.rule.errorCode, entry.rule.message ?? DEFAULT_MESSAGES[entry.rule.errorCode]);
  }
}
