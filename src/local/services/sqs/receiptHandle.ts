import { randomBytes } from 'node:crypto';

/** What a receipt handle says about the receive that issued it. */
export interface ReceiptHandleContent {
  readonly queueArn: string;
  readonly messageId: string;
}

/**
 * A receipt handle is opaque to clients and new on every receive (as in AWS); inside it names
 * the queue and message so a handle from another queue or a made-up string can be told apart
 * from the handle of a message that was deleted since.
 */
export function encodeReceiptHandle(content: ReceiptHandleContent, sequence: number): string {
  const nonce = randomBytes(24).toString('hex');
  return Buffer.from(`${content.queueArn} ${content.messageId} ${sequence} ${nonce}`, 'utf8').toString(
    'base64',
  );
}

/** Undefined when the string is not a handle this service issued. */
export function decodeReceiptHandle(handle: string): ReceiptHandleContent | undefined {
  if (handle.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64').toString('utf8').split(' ');
  const [queueArn, messageId, sequence, nonce] = parts;
  if (parts.length !== 4 || queueArn === undefined || messageId === undefined || nonce === undefined) {
    return undefined;
  }
  if (!queueArn.startsWith('arn:') || !/^\d+$/.test(sequence ?? '')) return undefined;
  return { queueArn, messageId };
}
