import type { MessageAttributeValue } from './messageMd5.js';
import { sqsErrors } from './sqsErrors.js';
import type { NewMessage, StoredQueue } from './sqsStore.js';

/**
 * What SQS documents about message bodies and attributes and its model leaves as plain strings
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_MessageAttributeValue.html, and
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html):
 * allowed characters, attribute names and types, at most ten attributes.
 */
/** Characters SQS refuses in bodies and string attribute values. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: SQS's allowed set is defined by code points, tab/LF/CR included.
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const ATTRIBUTE_TYPE = /^(String|Number|Binary)(\..+)?$/;
const MAX_MESSAGE_ATTRIBUTES = 10;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkAttributeName(name: string): void {
  const lower = name.toLowerCase();
  if (
    !ATTRIBUTE_NAME.test(name) ||
    lower.startsWith('aws.') ||
    lower.startsWith('amazon.') ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..')
  ) {
    throw sqsErrors.invalidParameterValue(
      `The message attribute name '${name}' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.`,
    );
  }
}

/** Checks user message attributes as SQS does and returns them in stored form. */
export function parseMessageAttributes(raw: unknown): Record<string, MessageAttributeValue> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw sqsErrors.invalidParameterValue('MessageAttributes must be a map.');
  const names = Object.keys(raw);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw sqsErrors.invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  const parsed: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    checkAttributeName(name);
    const value = raw[name];
    const dataType = isRecord(value) ? value.DataType : undefined;
    if (!isRecord(value) || typeof dataType !== 'string' || dataType === '') {
      throw sqsErrors.invalidParameterValue(
        `The message attribute '${name}' must contain non-empty message attribute type.`,
      );
    }
    if (!ATTRIBUTE_TYPE.test(dataType)) {
      throw sqsErrors.invalidParameterValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const missingValue = () =>
      sqsErrors.invalidParameterValue(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`,
      );
    if (dataType.startsWith('Binary')) {
      if (typeof value.BinaryValue !== 'string' || value.BinaryValue === '') throw missingValue();
      parsed[name] = { DataType: dataType, BinaryValue: value.BinaryValue };
      continue;
    }
    if (typeof value.StringValue !== 'string' || value.StringValue === '') throw missingValue();
    if (INVALID_CHARACTER.test(value.StringValue)) throw sqsErrors.invalidMessageContents();
    if (dataType.startsWith('Number') && !Number.isFinite(Number(value.StringValue))) {
      throw sqsErrors.invalidParameterValue(
        `Can't cast the value of message (user) attribute '${name}' to a number.`,
      );
    }
    parsed[name] = { DataType: dataType, StringValue: value.StringValue };
  }
  return parsed;
}

/** Bytes a message counts against MaximumMessageSize: body plus attribute names, types and values. */
export function messageSize(
  body: string,
  attributes: Readonly<Record<string, MessageAttributeValue>>,
): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
    size +=
      value.BinaryValue !== undefined
        ? Buffer.from(value.BinaryValue, 'base64').length
        : Buffer.byteLength(value.StringValue ?? '', 'utf8');
  }
  return size;
}

/**
 * Turns a SendMessage input (or one SendMessageBatch entry) into a message for the queue,
 * applying the queue's DelaySeconds when the message names none.
 */
export function parseNewMessage(queue: StoredQueue, input: Readonly<Record<string, unknown>>): NewMessage {
  const body = input.MessageBody;
  if (typeof body !== 'string' || body === '') throw sqsErrors.missingParameter('MessageBody');
  if (INVALID_CHARACTER.test(body)) throw sqsErrors.invalidMessageContents();
  if (input.MessageGroupId !== undefined || input.MessageDeduplicationId !== undefined) {
    const parameter = input.MessageGroupId !== undefined ? 'MessageGroupId' : 'MessageDeduplicationId';
    throw sqsErrors.invalidParameterValue(
      `Value ${String(input[parameter])} for parameter ${parameter} is invalid. Reason: The request include parameter that is not valid for this queue type.`,
    );
  }
  const messageAttributes = parseMessageAttributes(input.MessageAttributes);
  const maximum = Number(queue.attributes.MaximumMessageSize);
  if (messageSize(body, messageAttributes) > maximum) {
    throw sqsErrors.invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximum} bytes.`,
    );
  }
  const delay = input.DelaySeconds ?? Number(queue.attributes.DelaySeconds);
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > 900) {
    throw sqsErrors.invalidParameterValue(
      `Value ${String(delay)} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`,
    );
  }
  const systemAttributes: Record<string, string> = {};
  const traceHeader = isRecord(input.MessageSystemAttributes)
    ? input.MessageSystemAttributes.AWSTraceHeader
    : undefined;
  if (isRecord(traceHeader) && typeof traceHeader.StringValue === 'string') {
    systemAttributes.AWSTraceHeader = traceHeader.StringValue;
  }
  return { body, messageAttributes, systemAttributes, delaySeconds: delay };
}
