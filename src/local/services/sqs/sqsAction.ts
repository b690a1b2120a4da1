import type { SqsStore } from './sqsStore.js';

/** What an action needs to know about the request besides its input. */
export interface SqsActionContext {
  /** Region from the request's signature; queues live per region, as in AWS. */
  readonly region: string;
  /** The caller's account: where queues it creates, lists or names by name live. */
  readonly account: string;
  /** Scheme, host and port the request came to; queue URLs are built on it. */
  readonly baseUrl: string;
  /** The query protocol words some errors differently (e.g. NonExistentQueue). */
  readonly protocol: 'json' | 'query';
}

/** One SQS operation: validated input in, output (the JSON-protocol shape) out, or throw AwsServiceError. */
export type SqsAction = (
  store: SqsStore,
  input: Readonly<Record<string, unknown>>,
  ctx: SqsActionContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;
