import type { Clock } from '../store/clock.js';

/**
 * How the local services reach each other in-process, the way AWS services do behind the
 * scenes (CloudTrail → EventBridge, EventBridge → SQS). Each service takes what it needs of
 * these in its options, so any one can be tested alone with a fake.
 */

/** An event a service emits onto a bus, as CloudTrail does for API calls (bypasses the `aws.*` source check). */
export interface ServiceEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly resources?: readonly string[];
  readonly region: string;
  readonly account: string;
  /** Defaults to `default`. */
  readonly eventBusName?: string;
}

export interface EventSink {
  emit(event: ServiceEvent): void;
}

/** Delivers a message to a target ARN (EventBridge → SQS). Throws when the target does not exist. */
export interface TargetDelivery {
  deliver(targetArn: string, message: string): Promise<void> | void;
}

/** What every local service offers besides its API. */
export interface ResettableService {
  /** Forget all state (control API `POST /_local/reset`). */
  reset(): void;
}

export interface ServiceOptions {
  readonly clock: Clock;
  /**
   * The default account, e.g. `000000000000`. Services keep state per account and act in each
   * request's account (RequestContext.account); this one is for what no request names (SQS's
   * SenderId of messages EventBridge delivers).
   */
  readonly account: string;
}

/** The default account: where requests land whose access key names no account of its own (LocalStack's default too). */
export const LOCAL_ACCOUNT_ID = '000000000000';
