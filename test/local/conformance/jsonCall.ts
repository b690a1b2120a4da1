import type { JsonTarget, ServiceAnswer } from './fixtures/conformanceFixture.js';

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The error type of a JSON error body, without the `namespace#` SQS puts in front. */
export function errorType(body: unknown): string | undefined {
  const type = (body as { __type?: unknown } | null)?.__type;
  return typeof type === 'string' ? type.slice(type.indexOf('#') + 1) : undefined;
}

export function errorMessage(body: unknown): string {
  const record = body as { message?: unknown; Message?: unknown } | null;
  const message = record?.message ?? record?.Message;
  return typeof message === 'string' ? message : '';
}

/** A JSON answer as the conformance test reads every protocol's. */
export function jsonAnswer(answer: JsonAnswer, type = errorType(answer.body)): ServiceAnswer {
  const {
    __type: _type,
    message: _message,
    Message: _Message,
    ...details
  } = (answer.body as Record<string, unknown> | null) ?? {};
  return {
    status: answer.status,
    output: answer.body,
    ...(type === undefined ? {} : { errorType: type }),
    errorMessage: errorMessage(answer.body),
    errorDetails: details,
  };
}

/**
 * One JSON-protocol call over raw HTTP, exactly as given: the SDK clients would refuse some of
 * the conformance test's invalid values before sending them, and would drop members the model
 * does not declare from a response, which the test must see. Unsigned, so the edge takes
 * us-east-1 and the default account.
 */
export async function callJson(target: JsonTarget, operation: string, input: unknown): Promise<JsonAnswer> {
  const response = await fetch(`${target.endpoint}/`, {
    method: 'POST',
    headers: { 'Content-Type': target.contentType, 'X-Amz-Target': `${target.targetPrefix}.${operation}` },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : JSON.parse(text) };
}
