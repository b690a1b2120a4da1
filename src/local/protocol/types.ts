import type { CallerIdentity } from '../accounts/callerIdentity.js';
import type { Clock } from '../store/clock.js';
import type { JsonErrorStyle } from './jsonProtocol.js';

/** What the edge server learned about a request before handing it to a service. */
export interface RequestContext {
  /** From the SigV4 credential scope; `us-east-1` when unsigned. */
  readonly region: string;
  /**
   * The caller's account, resolved by the edge from the request's access key id (12 digits:
   * that account; issued by the local STS: the role's account; anything else: the default
   * account). Services keep their state per account (and region) under it.
   */
  readonly account: string;
  /** Who called, when the edge knows (the local STS and CloudTrail records name the caller). */
  readonly caller?: CallerIdentity;
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
  /** How its errors are spelled, when not the plain `{__type, message}`. */
  readonly errorStyle?: JsonErrorStyle;
  handle(operation: string, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown> | unknown;
}

/**
 * A service behind restJson1 (operations are HTTP routes, e.g. account's `POST /listRegions`):
 * the edge routes by the SigV4 signing name, asks the service which operation a method and path
 * are, then calls `handle` with the parsed JSON body. Errors travel as restJson1 errors.
 */
export interface RestJsonService {
  /** The SigV4 signing name its requests carry in their credential scope (`account`). */
  readonly signingName: string;
  /** What fault rules and the request log call it (`Account`). */
  readonly serviceName: string;
  /** The operation a method and path name, or undefined when the service has no such route. */
  operationFor(method: string, path: string): string | undefined;
  handle(operation: string, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown> | unknown;
}
