import type { Clock } from '../store/clock.js';

/** What the edge server learned about a request before handing it to a service. */
export interface RequestContext {
  /** From the SigV4 credential scope; `us-east-1` when unsigned. */
  readonly region: string;
  /** The local cloud's single account. */
  readonly account: string;
  readonly requestId: string;
  readonly clock: Clock;
}

/**
 * A service behind a JSON protocol (awsJson1_0 / awsJson1_1): the edge server routes by the
 * `X-Amz-Target` prefix and calls `handle` with the operation name and the parsed body.
 * `handle` returns the response body or throws an AwsServiceError.
 */
export interface JsonService {
  /** e.g. `RedshiftServerless`, `AWSEvents`, `AmazonSQS`. */
  readonly targetPrefix: string;
  /** `application/x-amz-json-1.1` or `application/x-amz-json-1.0`. */
  readonly contentType: string;
  handle(operation: string, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown> | unknown;
}
