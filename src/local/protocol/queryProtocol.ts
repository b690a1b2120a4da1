import type { HttpResponse } from './httpResponse.js';
import type { AwsServiceError } from './serviceError.js';

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);

/**
 * An error in the query protocol's XML envelope, for what the edge itself refuses before a
 * query request reaches SQS (faults, missing Action). SQS's own errors come from SQS.
 */
export const queryError = (error: AwsServiceError, requestId: string): HttpResponse => ({
  statusCode: error.statusCode,
  headers: { 'Content-Type': 'text/xml' },
  body:
    '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error>' +
    `<Type>${error.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(error.queryCode ?? error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`,
});

/**
 * The parameters of a query-protocol request: the query string, overlaid by a form-encoded
 * body (clients POST `Action=SendMessage&…`; some send GET with everything in the URL).
 */
export const queryParams = (searchParams: URLSearchParams, body: Buffer): URLSearchParams => {
  const params = new URLSearchParams(searchParams);
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
  return params;
};
