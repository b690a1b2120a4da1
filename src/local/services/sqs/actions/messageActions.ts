import { parseNewMessage } from '../messageContent.js';
import type { MessageAttributeValue } from '../messageMd5.js';
import { md5OfMessageAttributes } from '../messageMd5.js';
import { resolveQueueUrl } from '../queueUrl.js';
import type { SqsAction } from '../sqsAction.js';
import type { ReceivedMessage, SqsStore, StoredMessage, StoredQueue } from '../sqsStore.js';

/** How often a long poll looks again when nothing announced a message (visibility timeouts run out silently). */
const LONG_POLL_RECHECK_MS = 100;

const str = (value: unknown): string => value as string;

export const sendMessage: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  const message = store.enqueue(queue, parseNewMessage(queue, input));
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    MD5OfMessageAttributes: message.md5OfMessageAttributes,
  };
};

/** The system attributes a receiver can ask for, as SQS reports them on a received message. */
function systemAttributes(message: StoredMessage): Record<string, string> {
  return {
    ...message.systemAttributes,
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? 0),
  };
}

function pick<T>(all: Readonly<Record<string, T>>, wanted: (name: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(all).filter(([name]) => wanted(name)));
}

/** MessageAttributeNames: `All` or `.*` for everything, `prefix.*` for a family, else exact names. */
function messageAttributeFilter(names: readonly string[]): (name: string) => boolean {
  if (names.includes('All') || names.includes('.*')) return () => true;
  return (name) =>
    names.some((wanted) => (wanted.endsWith('.*') ? name.startsWith(wanted.slice(0, -1)) : wanted === name));
}

function toReceivedOutput(
  received: ReceivedMessage,
  attributeNames: readonly string[],
  messageAttributeNames: readonly string[],
): Record<string, unknown> {
  const { message, receiptHandle } = received;
  const output: Record<string, unknown> = {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  const all = attributeNames.includes('All');
  const attributes = pick(systemAttributes(message), (name) => all || attributeNames.includes(name));
  if (Object.keys(attributes).length > 0) output.Attributes = attributes;
  const messageAttributes: Record<string, MessageAttributeValue> = pick(
    message.messageAttributes,
    messageAttributeFilter(messageAttributeNames),
  );
  // The digest covers the attributes returned, which is what clients that verify it recompute.
  const digest = md5OfMessageAttributes(messageAttributes);
  if (digest !== undefined) {
    output.MD5OfMessageAttributes = digest;
    output.MessageAttributes = messageAttributes;
  }
  return output;
}

async function receiveWithLongPoll(
  store: SqsStore,
  queue: StoredQueue,
  max: number,
  visibilityTimeout: number,
  waitSeconds: number,
): Promise<ReceivedMessage[]> {
  const received = store.receive(queue, max, visibilityTimeout);
  if (received.length > 0 || waitSeconds === 0) return received;
  return store.whileLongPolling(() => waitForMessages(store, queue, { max, visibilityTimeout, waitSeconds }));
}

/** Receives again whenever the queue may have changed, until a message comes or the wait ends. */
async function waitForMessages(
  store: SqsStore,
  queue: StoredQueue,
  request: { readonly max: number; readonly visibilityTimeout: number; readonly waitSeconds: number },
): Promise<ReceivedMessage[]> {
  const { max, visibilityTimeout, waitSeconds } = request;
  const epoch = store.longPollEpoch;
  let received: ReceivedMessage[] = [];
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      expired = true;
      resolve();
    }, waitSeconds * 1000);
  });
  try {
    while (!expired) {
      await Promise.race([store.waitForChange(queue, LONG_POLL_RECHECK_MS), deadline]);
      // Closing: nobody is left to answer, and a receive now would hide messages from the next poller.
      if (store.longPollEpoch !== epoch || store.queue(queue.account, queue.region, queue.name) !== queue)
        return [];
      received = store.receive(queue, max, visibilityTimeout);
      if (received.length > 0) return received;
    }
    return received;
  } finally {
    clearTimeout(timer);
  }
}

export const receiveMessage: SqsAction = async (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  const max = (input.MaxNumberOfMessages as number | undefined) ?? 1;
  const visibilityTimeout =
    (input.VisibilityTimeout as number | undefined) ?? Number(queue.attributes.VisibilityTimeout);
  const waitSeconds =
    (input.WaitTimeSeconds as number | undefined) ?? Number(queue.attributes.ReceiveMessageWaitTimeSeconds);
  const attributeNames = [
    ...((input.AttributeNames ?? []) as string[]),
    ...((input.MessageSystemAttributeNames ?? []) as string[]),
  ];
  const messageAttributeNames = (input.MessageAttributeNames ?? []) as string[];
  const received = await receiveWithLongPoll(store, queue, max, visibilityTimeout, waitSeconds);
  if (received.length === 0) return {};
  return {
    Messages: received.map((message) => toReceivedOutput(message, attributeNames, messageAttributeNames)),
  };
};

export const deleteMessage: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  store.deleteMessage(queue, str(input.ReceiptHandle));
  return {};
};

export const changeMessageVisibility: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  store.changeVisibility(queue, str(input.ReceiptHandle), input.VisibilityTimeout as number);
  return {};
};
