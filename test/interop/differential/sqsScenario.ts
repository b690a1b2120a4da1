import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import type { ScenarioStep } from './runScenario.js';
import {
  byBody,
  countsOf,
  handlesByBody,
  queueArn,
  receiveAll,
  type SqsScenarioContext,
} from './sqsScenarioSupport.js';

export const SOURCE_QUEUE = 'diff-orders';
export const DEAD_LETTER_QUEUE = 'diff-orders-dlq';
const DEAD_LETTER_ARN = queueArn(DEAD_LETTER_QUEUE);

const SOURCE_ATTRIBUTES = {
  VisibilityTimeout: '20',
  MessageRetentionPeriod: '3600',
  MaximumMessageSize: '2048',
  DelaySeconds: '0',
  ReceiveMessageWaitTimeSeconds: '0',
  RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DEAD_LETTER_ARN, maxReceiveCount: 2 }),
};

/** One message with every attribute data type, so both sides digest the same attributes. */
const ATTRIBUTED_BODY = 'order 1: {"sku":"A-1","qty":3} ü€';
const ATTRIBUTES = {
  customer: { DataType: 'String', StringValue: 'acme' },
  quantity: { DataType: 'Number', StringValue: '3' },
  signature: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 250, 255]) },
  'trace.id': { DataType: 'String.custom', StringValue: 'trace-7' },
};

/** Ends the visibility timeout of the latest received messages (all of them, or all but one body). */
const makeVisible = async (context: SqsScenarioContext, exceptBody?: string) => {
  const entries = Object.entries(context.handles)
    .filter(([body]) => body !== exceptBody)
    .map(([, handle], index) => ({ Id: `m${index}`, ReceiptHandle: handle, VisibilityTimeout: 0 }));
  const output = await context.sqs.send(
    new ChangeMessageVisibilityBatchCommand({ QueueUrl: context.sourceUrl, Entries: entries }),
  );
  return {
    Successful: output.Successful?.map((entry) => entry.Id).sort(),
    Failed: output.Failed?.map(({ Id, Code, SenderFault }) => ({ Id, Code, SenderFault })),
  };
};

/**
 * The SQS scenario: a queue with a DLQ (maxReceiveCount 2), messages with every attribute type,
 * batches with a failing entry, visibility changes, redrive, deletes, purge and the errors a
 * caller branches on. Every step runs against whichever endpoint the context's client targets.
 */
export const sqsScenario: readonly ScenarioStep<SqsScenarioContext>[] = [
  {
    name: 'CreateQueue: the dead-letter queue',
    run: async (context) => {
      const output = await context.sqs.send(new CreateQueueCommand({ QueueName: DEAD_LETTER_QUEUE }));
      context.deadLetterUrl = output.QueueUrl ?? '';
      return output;
    },
  },
  {
    name: 'CreateQueue: the source queue with attributes and a RedrivePolicy',
    run: async (context) => {
      const output = await context.sqs.send(
        new CreateQueueCommand({ QueueName: SOURCE_QUEUE, Attributes: SOURCE_ATTRIBUTES }),
      );
      context.sourceUrl = output.QueueUrl ?? '';
      return output;
    },
  },
  {
    name: 'CreateQueue: the same name and attributes again returns the same queue',
    run: (context) =>
      context.sqs.send(new CreateQueueCommand({ QueueName: SOURCE_QUEUE, Attributes: SOURCE_ATTRIBUTES })),
  },
  {
    name: 'CreateQueue: the same name with other attributes fails',
    run: (context) =>
      context.sqs.send(
        new CreateQueueCommand({
          QueueName: SOURCE_QUEUE,
          Attributes: { ...SOURCE_ATTRIBUTES, VisibilityTimeout: '45' },
        }),
      ),
  },
  {
    name: 'GetQueueUrl: an existing queue',
    run: (context) => context.sqs.send(new GetQueueUrlCommand({ QueueName: SOURCE_QUEUE })),
  },
  {
    name: 'GetQueueUrl: a queue that does not exist',
    run: (context) => context.sqs.send(new GetQueueUrlCommand({ QueueName: 'diff-no-such-queue' })),
  },
  {
    name: 'ListQueues: by name prefix',
    run: async (context) => {
      const output = await context.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'diff-orders' }));
      return { QueueUrls: output.QueueUrls?.sort() };
    },
  },
  {
    name: 'GetQueueAttributes: All on the source queue',
    run: (context) =>
      context.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: context.sourceUrl, AttributeNames: ['All'] }),
      ),
  },
  {
    name: 'GetQueueAttributes: All on the dead-letter queue',
    run: (context) =>
      context.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: context.deadLetterUrl, AttributeNames: ['All'] }),
      ),
  },
  {
    name: 'SetQueueAttributes: a new VisibilityTimeout reads back',
    run: async (context) => {
      await context.sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: context.sourceUrl,
          Attributes: { VisibilityTimeout: '30' },
        }),
      );
      const output = await context.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: context.sourceUrl, AttributeNames: ['VisibilityTimeout'] }),
      );
      return output.Attributes;
    },
  },
  {
    name: 'SendMessage: String, Number, Binary and custom-typed message attributes',
    run: (context) =>
      context.sqs.send(
        new SendMessageCommand({
          QueueUrl: context.sourceUrl,
          MessageBody: ATTRIBUTED_BODY,
          MessageAttributes: ATTRIBUTES,
        }),
      ),
  },
  {
    name: 'SendMessageBatch: two good entries and one with DelaySeconds over 900',
    run: async (context) => {
      const output = await context.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: context.sourceUrl,
          Entries: [
            { Id: 'plain', MessageBody: 'order 2' },
            { Id: 'too-late', MessageBody: 'order never', DelaySeconds: 1800 },
            {
              Id: 'attributed',
              MessageBody: 'order 3',
              MessageAttributes: { priority: { DataType: 'Number', StringValue: '-1.5' } },
            },
          ],
        }),
      );
      return {
        Successful: output.Successful?.sort((a, b) => (a.Id ?? '').localeCompare(b.Id ?? '')),
        Failed: output.Failed?.map(({ Id, Code, SenderFault }) => ({ Id, Code, SenderFault })),
      };
    },
  },
  {
    name: 'GetQueueAttributes: counts after sending',
    run: (context) => countsOf(context, context.sourceUrl),
  },
  {
    name: 'ReceiveMessage: every message with all system and message attributes',
    run: async (context) => {
      const messages = byBody((await receiveAll(context, context.sourceUrl)).Messages);
      context.handles = handlesByBody(messages);
      return messages;
    },
  },
  {
    name: 'ReceiveMessage: nothing while the messages are in flight',
    run: (context) => receiveAll(context, context.sourceUrl),
  },
  {
    name: 'GetQueueAttributes: counts while in flight',
    run: (context) => countsOf(context, context.sourceUrl),
  },
  {
    name: 'ChangeMessageVisibility: 0 makes one message visible again',
    run: (context) =>
      context.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: context.sourceUrl,
          ReceiptHandle: context.handles[ATTRIBUTED_BODY],
          VisibilityTimeout: 0,
        }),
      ),
  },
  {
    // Not the message made visible just above: whether a handle of a message that is no longer
    // in flight may still change its visibility is not something moto can tell us.
    name: 'ChangeMessageVisibilityBatch: 0 for the other messages',
    run: (context) => makeVisible(context, ATTRIBUTED_BODY),
  },
  {
    name: 'ReceiveMessage: the second receive counts 2',
    run: async (context) => {
      const messages = byBody((await receiveAll(context, context.sourceUrl)).Messages);
      context.handles = handlesByBody(messages);
      return messages.map(({ Body, Attributes }) => ({
        Body,
        ApproximateReceiveCount: Attributes?.ApproximateReceiveCount,
      }));
    },
  },
  {
    name: 'ChangeMessageVisibilityBatch: 0 again after the second receive',
    run: (context) => makeVisible(context),
  },
  {
    name: 'ReceiveMessage: past maxReceiveCount the messages go to the DLQ instead',
    run: (context) => receiveAll(context, context.sourceUrl),
  },
  {
    name: 'GetQueueAttributes: the source queue is empty after redrive',
    run: (context) => countsOf(context, context.sourceUrl),
  },
  {
    name: 'GetQueueAttributes: the DLQ holds the messages',
    run: (context) => countsOf(context, context.deadLetterUrl),
  },
  {
    name: 'ReceiveMessage: from the DLQ, same ids and bodies',
    run: async (context) => {
      const messages = byBody((await receiveAll(context, context.deadLetterUrl)).Messages);
      context.deadLetterHandles = handlesByBody(messages);
      return messages;
    },
  },
  {
    name: 'ListDeadLetterSourceQueues: the source queue',
    run: (context) =>
      context.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: context.deadLetterUrl })),
  },
  {
    name: 'DeleteMessage: a received message',
    run: (context) =>
      context.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: context.deadLetterUrl,
          ReceiptHandle: context.deadLetterHandles['order 2'],
        }),
      ),
  },
  {
    name: 'DeleteMessageBatch: one good handle and one malformed handle',
    run: async (context) => {
      const output = await context.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: context.deadLetterUrl,
          Entries: [
            { Id: 'good', ReceiptHandle: context.deadLetterHandles['order 3'] },
            { Id: 'bad', ReceiptHandle: 'not-a-receipt-handle' },
          ],
        }),
      );
      return {
        Successful: output.Successful,
        Failed: output.Failed?.map(({ Id, Code, SenderFault }) => ({ Id, Code, SenderFault })),
      };
    },
  },
  {
    name: 'DeleteMessage: a malformed receipt handle',
    run: (context) =>
      context.sqs.send(
        new DeleteMessageCommand({ QueueUrl: context.deadLetterUrl, ReceiptHandle: 'not-a-receipt-handle' }),
      ),
  },
  {
    name: 'ChangeMessageVisibility: a malformed receipt handle',
    run: (context) =>
      context.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: context.deadLetterUrl,
          ReceiptHandle: 'not-a-receipt-handle',
          VisibilityTimeout: 0,
        }),
      ),
  },
  {
    name: 'GetQueueAttributes: the DLQ after deleting two',
    run: (context) => countsOf(context, context.deadLetterUrl),
  },
  {
    name: 'PurgeQueue: the DLQ',
    run: async (context) => {
      const output = await context.sqs.send(new PurgeQueueCommand({ QueueUrl: context.deadLetterUrl }));
      return { output, counts: await countsOf(context, context.deadLetterUrl) };
    },
  },
  {
    name: 'SendMessage: a queue URL that does not exist',
    run: (context) =>
      context.sqs.send(
        new SendMessageCommand({
          QueueUrl: context.sourceUrl.replace(SOURCE_QUEUE, 'diff-no-such-queue'),
          MessageBody: 'lost',
        }),
      ),
  },
  {
    name: 'ReceiveMessage: a queue URL that does not exist',
    run: (context) => receiveAll(context, context.sourceUrl.replace(SOURCE_QUEUE, 'diff-no-such-queue')),
  },
  {
    name: 'SendMessage: a body longer than MaximumMessageSize',
    run: (context) =>
      context.sqs.send(
        new SendMessageCommand({ QueueUrl: context.sourceUrl, MessageBody: 'x'.repeat(2049) }),
      ),
  },
  {
    name: 'SendMessage: DelaySeconds hides the message and counts it as delayed',
    run: async (context) => {
      const sent = await context.sqs.send(
        new SendMessageCommand({ QueueUrl: context.sourceUrl, MessageBody: 'later', DelaySeconds: 600 }),
      );
      const received = await receiveAll(context, context.sourceUrl);
      const counts = await context.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: context.sourceUrl, AttributeNames: ['All'] }),
      );
      return {
        sent,
        received: received.Messages?.length ?? 0,
        delayed: counts.Attributes?.ApproximateNumberOfMessagesDelayed,
        visible: counts.Attributes?.ApproximateNumberOfMessages,
      };
    },
  },
  {
    name: 'TagQueue and ListQueueTags',
    run: async (context) => {
      await context.sqs.send(
        new TagQueueCommand({ QueueUrl: context.sourceUrl, Tags: { team: 'data', tier: 'gold' } }),
      );
      await context.sqs.send(new UntagQueueCommand({ QueueUrl: context.sourceUrl, TagKeys: ['tier'] }));
      return context.sqs.send(new ListQueueTagsCommand({ QueueUrl: context.sourceUrl }));
    },
  },
  {
    name: 'ReceiveMessage: MaxNumberOfMessages above 10',
    run: (context) =>
      context.sqs.send(new ReceiveMessageCommand({ QueueUrl: context.sourceUrl, MaxNumberOfMessages: 11 })),
  },
  {
    name: 'SendMessageBatch: no entries',
    run: (context) =>
      context.sqs.send(new SendMessageBatchCommand({ QueueUrl: context.sourceUrl, Entries: [] })),
  },
  {
    name: 'SendMessageBatch: two entries with the same Id',
    run: (context) =>
      context.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: context.sourceUrl,
          Entries: [
            { Id: 'same', MessageBody: 'a' },
            { Id: 'same', MessageBody: 'b' },
          ],
        }),
      ),
  },
  {
    name: 'SendMessageBatch: eleven entries',
    run: (context) =>
      context.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: context.sourceUrl,
          Entries: Array.from({ length: 11 }, (_, index) => ({ Id: `e${index}`, MessageBody: 'x' })),
        }),
      ),
  },
  {
    name: 'SendMessageBatch: an entry Id with characters SQS does not allow',
    run: (context) =>
      context.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: context.sourceUrl,
          Entries: [{ Id: 'not allowed!', MessageBody: 'x' }],
        }),
      ),
  },
  {
    name: 'SetQueueAttributes: a VisibilityTimeout out of range',
    run: (context) =>
      context.sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: context.sourceUrl,
          Attributes: { VisibilityTimeout: '43201' },
        }),
      ),
  },
  {
    name: 'CreateQueue: a name with characters SQS does not allow',
    run: (context) => context.sqs.send(new CreateQueueCommand({ QueueName: 'diff orders!' })),
  },
  {
    name: 'SendMessage: a message attribute without a value',
    run: (context) =>
      context.sqs.send(
        new SendMessageCommand({
          QueueUrl: context.sourceUrl,
          MessageBody: 'x',
          MessageAttributes: { empty: { DataType: 'String' } },
        }),
      ),
  },
  {
    name: 'DeleteQueue: then GetQueueUrl no longer finds it',
    run: async (context) => {
      const output = await context.sqs.send(new DeleteQueueCommand({ QueueUrl: context.sourceUrl }));
      const after = await context.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'diff-orders' }));
      return { output, QueueUrls: after.QueueUrls?.sort() };
    },
  },
];
