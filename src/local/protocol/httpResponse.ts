import type { ServerResponse } from 'node:http';

/** A response the edge server has decided on, before it is written to the socket. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Writes a decided response, adding the request id every AWS response carries. */
export const writeResponse = (res: ServerResponse, response: HttpResponse, requestId: string): void => {
  res.statusCode = response.statusCode;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('x-amzn-RequestId', requestId);
  res.setHeader('Content-Length', Buffer.byteLength(response.body));
  res.end(response.body);
};
