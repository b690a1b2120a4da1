import type { HttpResponse } from './httpResponse.js';
import type { AwsServiceError } from './serviceError.js';

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
  '\r': '&#xD;',
};

/**
 * Escapes text for an XML element or attribute value. `\r` is written as a character reference
 * because XML parsers turn a raw CR into LF, and an SQS message body must come back byte for
 * byte (its MD5 is checked).
 */
export const escapeXml = (text: string): string => text.replace(/[<>&'"\r]/g, (c) => XML_ESCAPES[c] ?? c);

/** How a service spells its query-protocol error envelope. */
export interface QueryErrorStyle {
  /** The service's API namespace. */
  readonly xmlns: string;
  /** SQS writes an empty `<Detail/>` after the message; STS does not. */
  readonly detailElement: boolean;
}

/** SQS's envelope: SQS's own errors, and the default for errors the edge writes itself. */
export const SQS_QUERY_ERROR_STYLE: QueryErrorStyle = {
  xmlns: 'http://queue.amazonaws.com/doc/2012-11-05/',
  detailElement: true,
};

/**
 * An error in the query protocol's XML envelope (`<ErrorResponse>`), as SQS and STS write it:
 * for what the edge itself refuses before a request reaches its service (faults, missing
 * Action), and for SQS's and STS's own errors.
 */
export const queryError = (
  error: AwsServiceError,
  requestId: string,
  style: QueryErrorStyle = SQS_QUERY_ERROR_STYLE,
): HttpResponse => ({
  statusCode: error.statusCode,
  headers: { 'Content-Type': 'text/xml' },
  body:
    `<?xml version="1.0"?><ErrorResponse xmlns="${style.xmlns}"><Error>` +
    `<Type>${error.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(error.queryCode ?? error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${style.detailElement ? '<Detail/>' : ''}</Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`,
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

/**
 * The 1-based indexes that follow `prefix` in any parameter name: the members of a list or map
 * in the query protocol (`Name.member.1`, `Attribute.2.Name`), in order, gaps allowed.
 */
export function queryIndexes(params: URLSearchParams, prefix: string): number[] {
  const found = new Set<number>();
  for (const key of params.keys()) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(index) && index > 0) found.add(index);
  }
  return [...found].sort((a, b) => a - b);
}
