import { createHash } from 'node:crypto';

/** A message attribute as the SQS APIs carry it; `BinaryValue` is base64, as both wire protocols send it. */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** `MD5OfBody` / `MD5OfMessageBody`: hex MD5 of the body's UTF-8 bytes (the SDK checks it). */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * `MD5OfMessageAttributes` exactly as SQS computes it: for each attribute in name order, the
 * name, the data type and the value, each as a 4-byte big-endian length followed by the bytes,
 * with a transport byte (1 = string, 2 = binary) before the value. Undefined when there are none.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (attributes === undefined || names.length === 0) return undefined;
  const hash = createHash('md5');
  const writeLengthPrefixed = (bytes: Buffer): void => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length, 0);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    writeLengthPrefixed(Buffer.from(name, 'utf8'));
    writeLengthPrefixed(Buffer.from(value.DataType, 'utf8'));
    if (value.StringValue !== undefined) {
      hash.update(Buffer.from([1]));
      writeLengthPrefixed(Buffer.from(value.StringValue, 'utf8'));
    } else if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      writeLengthPrefixed(Buffer.from(value.BinaryValue, 'base64'));
    }
  }
  return hash.digest('hex');
}
