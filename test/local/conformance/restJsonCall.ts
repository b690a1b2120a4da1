import type { ServiceAnswer } from './fixtures/conformanceFixture.js';
import { signedFor } from './fixtures/localCloudService.js';
import { jsonAnswer } from './jsonCall.js';

/**
 * One restJson1 call over raw HTTP (`POST /listRegions` with the input as its JSON body), signed
 * for `signingName` as the central account. The error type comes from `x-amzn-ErrorType`
 * (without the `:<namespace>` suffix some services add), as the SDKs read it.
 */
export async function callRestJson(
  endpoint: string,
  signingName: string,
  route: { readonly method: string; readonly path: string },
  input: unknown,
): Promise<ServiceAnswer> {
  const response = await fetch(`${endpoint}${route.path}`, {
    method: route.method,
    headers: { 'Content-Type': 'application/json', Authorization: signedFor(signingName) },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  const type = response.headers.get('x-amzn-errortype')?.split(':')[0];
  return jsonAnswer(
    { status: response.status, body: text === '' ? {} : JSON.parse(text) },
    type ?? undefined,
  );
}
