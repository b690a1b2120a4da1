import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A request stream carrying a body the edge already read, so dynalite (which reads the body
 * itself from `data`/`end` events) can still be handed the request.
 */
export const replayRequest = (original: IncomingMessage, body: Buffer): IncomingMessage =>
  Object.assign(Readable.from([body], { objectMode: false }), {
    method: original.method,
    url: original.url,
    headers: original.headers,
  }) as unknown as IncomingMessage;

/** What dynalite answered to an in-process call. */
export interface DynaliteReply {
  readonly statusCode: number;
  readonly body: Record<string, unknown>;
}

// dynalite insists on a SigV4-shaped Authorization header; it never checks the signature.
const INTERNAL_HEADERS: IncomingHttpHeaders = {
  'content-type': 'application/x-amz-json-1.0',
  authorization:
    'AWS4-HMAC-SHA256 Credential=LOCAL/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20260101T000000Z',
};

/**
 * Calls a dynalite operation in-process, without a socket: the edge uses it to look tables up
 * for the TimeToLive operations dynalite lacks.
 */
export const invokeDynalite = (server: Server, operation: string, input: unknown): Promise<DynaliteReply> =>
  new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify(input));
    const req = Object.assign(Readable.from([body], { objectMode: false }), {
      method: 'POST',
      url: '/',
      headers: { ...INTERNAL_HEADERS, 'x-amz-target': `DynamoDB_20120810.${operation}` },
    });
    const res = {
      statusCode: 200,
      contentType: '',
      setHeader: (): void => {},
      end: (text: string): void => {
        try {
          resolve({ statusCode: res.statusCode, body: JSON.parse(text) as Record<string, unknown> });
        } catch (error) {
          reject(error);
        }
      },
    };
    server.emit('request', req as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
