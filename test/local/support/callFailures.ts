import { expect } from 'vitest';

/** What an SDK call that must fail rejected with: its name, message and HTTP status. */
export interface CallFailure extends Error {
  readonly $metadata: { readonly httpStatusCode?: number };
}

/** The error a call rejected with; fails the test when the call succeeds instead. */
export async function failureOf(promise: Promise<unknown>): Promise<CallFailure> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: CallFailure) => error,
  );
}

/**
 * The error AWS answers a refused request with: its name, its HTTP status when pinned, and its
 * message when pinned (a string, or a matcher such as `expect.stringContaining`).
 */
export interface Refusal {
  readonly name: string;
  readonly status?: number;
  readonly message?: unknown;
}

/** A ValidationException (HTTP 400), with `message` when the test pins it. */
export const validationError = (message?: unknown): Refusal => ({
  name: 'ValidationException',
  status: 400,
  message,
});

/** Asserts that `call` fails as `refusal` says. */
export async function expectRefusal(call: Promise<unknown>, refusal: Refusal): Promise<void> {
  const error = await failureOf(call);
  expect(error.name).toBe(refusal.name);
  if (refusal.status !== undefined) expect(error.$metadata.httpStatusCode).toBe(refusal.status);
  if (refusal.message !== undefined) expect(error.message).toEqual(refusal.message);
}
