/** Where a JSON-protocol service listens and how its requests are addressed. */
export interface JsonTarget {
  readonly endpoint: string;
  /** `RedshiftServerless`, `AmazonSQS`, `AWSEvents`: the X-Amz-Target prefix. */
  readonly targetPrefix: string;
  readonly contentType: string;
}

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
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : '';
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

/** A call that must succeed (fixture set-up); its output, or an error naming the refusal. */
export async function callOk(
  target: JsonTarget,
  operation: string,
  input: unknown,
): Promise<Record<string, unknown>> {
  const answer = await callJson(target, operation, input);
  if (answer.status !== 200) {
    throw new Error(`${operation} failed in set-up: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as Record<string, unknown>;
}
