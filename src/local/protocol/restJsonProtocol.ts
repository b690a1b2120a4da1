import type { HttpResponse } from './httpResponse.js';
import type { AwsServiceError } from './serviceError.js';

/** restJson1 bodies: plain JSON, no version in the media type. */
export const REST_JSON_CONTENT_TYPE = 'application/json';

/**
 * A restJson1 error: the code in the `x-amzn-ErrorType` header (where SDKs look first), the
 * message and the error's details in the body, the status from the error.
 */
export const restJsonError = (error: AwsServiceError): HttpResponse => ({
  statusCode: error.statusCode,
  headers: { 'Content-Type': REST_JSON_CONTENT_TYPE, 'x-amzn-ErrorType': error.code },
  body: JSON.stringify({ message: error.message, ...error.details }),
});
