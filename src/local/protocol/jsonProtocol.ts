import type { HttpResponse } from './httpResponse.js';
import { AwsServiceError } from './serviceError.js';

/**
 * How a service's JSON errors are spelled. Most services send the bare code in `__type`;
 * SQS, being "query compatible", sends a namespaced `__type` plus the legacy query code in
 * `x-amzn-query-error`, which SDKs use to fill `Error.Code` for callers that still switch on
 * `AWS.SimpleQueueService.NonExistentQueue`.
 */
export interface JsonErrorStyle {
  /** e.g. `com.amazonaws.sqs`; `__type` becomes `<namespace>#<code>`. */
  readonly typeNamespace?: string;
  /** Adds `x-amzn-query-error: <queryCode>;Sender|Receiver`. */
  readonly queryCompatible?: boolean;
  /** The member the message travels in: `message` (default) or `Message` (Organizations). */
  readonly messageKey?: 'message' | 'Message';
}

/** Serialises an operation's result (`undefined` becomes `{}`, as AWS answers operations with no output). */
export const jsonSuccess = (contentType: string, output: unknown): HttpResponse => ({
  statusCode: 200,
  headers: { 'Content-Type': contentType },
  body: JSON.stringify(output ?? {}),
});

/**
 * Serialises an error as `{"__type": code, "message": msg}` (plus the error's details) with the
 * error's status code.
 */
export const jsonError = (
  error: AwsServiceError,
  contentType: string,
  style: JsonErrorStyle = {},
): HttpResponse => {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (style.queryCompatible) {
    headers['x-amzn-query-error'] =
      `${error.queryCode ?? error.code};${error.senderFault ? 'Sender' : 'Receiver'}`;
  }
  const type =
    style.typeNamespace && !error.code.includes('#') ? `${style.typeNamespace}#${error.code}` : error.code;
  return {
    statusCode: error.statusCode,
    headers,
    body: JSON.stringify({ __type: type, [style.messageKey ?? 'message']: error.message, ...error.details }),
  };
};

/** Turns anything a service threw into what AWS would send: unexpected errors become a 500 InternalFailure. */
export const toServiceError = (error: unknown): AwsServiceError =>
  error instanceof AwsServiceError
    ? error
    : new AwsServiceError(
        'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        { statusCode: 500 },
      );

/**
 * Parses a JSON protocol body. AWS answers malformed JSON with SerializationException; an empty
 * body is an operation without input.
 */
export const parseJsonBody = (body: Buffer): Record<string, unknown> => {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsServiceError('SerializationException', 'Request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsServiceError('SerializationException', 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
};
