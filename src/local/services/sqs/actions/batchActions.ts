import { AwsServiceError } from '../../../protocol/serviceError.js';
import { messageSize, parseMessageAttributes, parseNewMessage } from '../messageContent.js';
import { resolveQueueUrl } from '../queueUrl.js';
import type { SqsAction } from '../sqsAction.js';
import { sqsErrors } from '../sqsErrors.js';

// Ten entries, ids of up to 80 alphanumerics, '-' and '_' (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatchRequestEntry.html,
// API_SendMessageBatch.html): the model's list and Id shapes carry neither.
const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
/** SQS caps the sum of a SendMessageBatch's messages at the largest message size it allows. */
const MAX_BATCH_BYTES = 1_048_576;

type Entry = Readonly<Record<string, unknown>>;

/** The request-level checks every batch operation makes before touching any entry. */
function checkBatch(entries: readonly Entry[], entryName: string): void {
  if (entries.length === 0) throw sqsErrors.emptyBatchRequest(entryName);
  if (entries.length > MAX_BATCH_ENTRIES) throw sqsErrors.tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) throw sqsErrors.invalidBatchEntryId();
    if (seen.has(id)) throw sqsErrors.batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
}

/** Runs one entry; an AwsServiceError becomes a `Failed` entry (the rest of the batch carries on). */
function runEntries(
  entries: readonly Entry[],
  run: (entry: Entry) => Record<string, unknown>,
): { Successful: Record<string, unknown>[]; Failed: Record<string, unknown>[] } {
  const successful: Record<string, unknown>[] = [];
  const failed: Record<string, unknown>[] = [];
  for (const entry of entries) {
    try {
      successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      failed.push({
        Id: entry.Id,
        SenderFault: error.senderFault,
        Code: error.queryCode ?? error.code,
        Message: error.message,
      });
    }
  }
  return { Successful: successful, Failed: failed };
}

const requireString = (entry: Entry, name: string): string => {
  const value = entry[name];
  if (typeof value !== 'string' || value === '') throw sqsErrors.missingParameter(name);
  return value;
};

export const sendMessageBatch: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, input.QueueUrl as string, ctx);
  const entries = input.Entries as readonly Entry[];
  checkBatch(entries, 'SendMessageBatchRequestEntry');
  let total = 0;
  for (const entry of entries) {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    let attributes = {};
    try {
      attributes = parseMessageAttributes(entry.MessageAttributes);
    } catch {
      // An entry with bad attributes fails on its own below; it does not fail the request.
    }
    total += messageSize(body, attributes);
  }
  if (total > MAX_BATCH_BYTES) throw sqsErrors.batchRequestTooLong(MAX_BATCH_BYTES, total);
  return runEntries(entries, (entry) => {
    const message = store.enqueue(queue, parseNewMessage(queue, entry));
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      MD5OfMessageAttributes: message.md5OfMessageAttributes,
    };
  });
};

export const deleteMessageBatch: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, input.QueueUrl as string, ctx);
  const entries = input.Entries as readonly Entry[];
  checkBatch(entries, 'DeleteMessageBatchRequestEntry');
  return runEntries(entries, (entry) => {
    store.deleteMessage(queue, requireString(entry, 'ReceiptHandle'));
    return {};
  });
};

export const changeMessageVisibilityBatch: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, input.QueueUrl as string, ctx);
  const entries = input.Entries as readonly Entry[];
  checkBatch(entries, 'ChangeMessageVisibilityBatchRequestEntry');
  return runEntries(entries, (entry) => {
    const timeout = entry.VisibilityTimeout;
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout > 43_200) {
      throw sqsErrors.invalidParameterValue(
        `Value ${String(timeout)} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.`,
      );
    }
    store.changeVisibility(queue, requireString(entry, 'ReceiptHandle'), timeout);
    return {};
  });
};
