import type { FaultErrorName, FaultErrorSpec } from './faultErrors.js';

/**
 * What a caller asks for: make calls to `service` (an `X-Amz-Target` prefix such as
 * `RedshiftServerless`, `AmazonSQS`, `AWSEvents` or `DynamoDB_20120810`) fail or slow down.
 * Aliases `DynamoDB`, `SQS` and `EventBridge` are accepted. Without `count`, `seconds` or
 * `untilMs` a rule stays until removed.
 */
export interface FaultRuleInput {
  readonly service: string;
  /** Only this operation (e.g. `CreateSnapshotCopyConfiguration`); every operation when absent. */
  readonly operation?: string;
  /** A named error or a spelled-out one; a rule without one only adds latency. */
  readonly error?: FaultErrorName | { code: string; message?: string; statusCode?: number };
  /** Fail the next N matching calls, then retire. */
  readonly count?: number;
  /** Fail until this instant (ms since the epoch, on the local cloud's clock). */
  readonly untilMs?: number;
  /** Fail for this many seconds from now (on the local cloud's clock). */
  readonly seconds?: number;
  /** Delay matching calls by this much real time before answering. */
  readonly latencyMs?: number;
  /** Fire on this fraction of matching calls (0–1), drawn from the injector's random source. */
  readonly probability?: number;
  /** Only calls whose input has these top-level fields, compared as strings (e.g. `{ namespaceName: 'prod-x' }`). */
  readonly matchBody?: Readonly<Record<string, string>>;
}

/** A rule as the injector holds it; `remaining` counts down, `hits` counts up. */
export interface FaultRule {
  readonly id: string;
  readonly service: string;
  readonly operation?: string;
  readonly error?: FaultErrorSpec;
  readonly remaining?: number;
  readonly untilMs?: number;
  readonly latencyMs?: number;
  readonly probability?: number;
  readonly matchBody?: Readonly<Record<string, string>>;
  readonly hits: number;
}

/** One call the edge server is about to dispatch. */
export interface FaultCall {
  readonly service: string;
  readonly operation: string;
  /** The parsed body; absent when the edge did not read it (DynamoDB passthrough). */
  readonly input?: Readonly<Record<string, unknown>>;
}

/** What the injector decided for a call: wait this long, then fail with `error` if set. */
export interface FaultDecision {
  readonly latencyMs: number;
  readonly error?: FaultErrorSpec;
}
