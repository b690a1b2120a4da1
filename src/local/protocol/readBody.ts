import type { IncomingMessage } from 'node:http';
import { AwsServiceError } from './serviceError.js';

/** Large enough for any batch the local services accept (SQS: 10 × 1 MiB), small enough to refuse runaway clients. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a request body into memory, refusing it once it passes `maxBytes` (HTTP 413, as AWS
 * front ends do) instead of buffering whatever a client sends.
 */
export const readBody = (req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length > maxBytes) {
        req.off('data', onData);
        // Drain the rest so the client sees the 413 instead of a reset connection.
        req.resume();
        reject(
          new AwsServiceError('RequestEntityTooLarge', `Request body exceeds ${maxBytes} bytes`, {
            statusCode: 413,
          }),
        );
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, length)));
    req.once('error', reject);
  });
