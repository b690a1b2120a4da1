import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSqsOnly } from './useSqsOnly.js';

const sqs = useSqsOnly();
let queueUrl: string;
beforeEach(async () => {
  queueUrl = await sqs.createQueue('batch');
});

/** Sends messages `a` and `b` in one batch and receives both: the receipts the next call needs. */
async function sendAndReceiveTwo(): Promise<Message[]> {
  await sqs.client.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'a', MessageBody: 'a' },
        { Id: 'b', MessageBody: 'b' },
      ],
    }),
  );
  const { Messages = [] } = await sqs.client.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
  );
  return Messages;
}

describe('Local SQS: SendMessageBatch', () => {
  it('sends a batch and reports a bad entry as Failed while the others go through', async () => {
    // Act
    const result = await sqs.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          {
            Id: 'ok-1',
            MessageBody: 'one',
            MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
          },
          { Id: 'bad', MessageBody: 'two', MessageAttributes: { k: { DataType: 'Date', StringValue: 'v' } } },
          { Id: 'ok_2', MessageBody: 'three', DelaySeconds: 0 },
        ],
      }),
    );

    // Assess
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['ok-1', 'ok_2']);
    expect(result.Successful?.[0]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    expect(sqs.service.peek('batch').map((message) => message.body)).toEqual(['one', 'three']);
  });

  it.each<[string, SendMessageBatchRequestEntry[], Record<string, unknown>]>([
    [
      'duplicate ids',
      [
        { Id: 'same', MessageBody: 'a' },
        { Id: 'same', MessageBody: 'b' },
      ],
      { name: 'BatchEntryIdsNotDistinct', message: 'Id same repeated.' },
    ],
    ['no entries', [], { name: 'EmptyBatchRequest' }],
    [
      'more than 10 entries',
      Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' })),
      {
        name: 'TooManyEntriesInBatchRequest',
        message: 'Maximum number of entries per request are 10. You have sent 11.',
      },
    ],
    ['an id with spaces', [{ Id: 'no spaces', MessageBody: 'x' }], { name: 'InvalidBatchEntryId' }],
  ])('refuses a batch with %s and sends none of it', async (_case, Entries, refusal) => {
    // Act
    const call = sqs.client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));

    // Assess
    await expect(call).rejects.toMatchObject(refusal);
    expect(sqs.service.peek('batch')).toEqual([]);
  });
});

describe('Local SQS: DeleteMessageBatch and ChangeMessageVisibilityBatch', () => {
  it('deletes a batch and reports an invalid receipt handle as Failed', async () => {
    // Prepare
    const messages = await sendAndReceiveTwo();

    // Act
    const result = await sqs.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          ...messages.map((message, i) => ({ Id: `d${i}`, ReceiptHandle: message.ReceiptHandle })),
          { Id: 'bogus', ReceiptHandle: 'garbage' },
        ],
      }),
    );

    // Assess
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['d0', 'd1']);
    expect(result.Failed).toEqual([
      {
        Id: 'bogus',
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: 'The input receipt handle "garbage" is not a valid receipt handle.',
      },
    ]);
    expect(sqs.service.peek('batch')).toEqual([]);
  });

  it('changes visibility in a batch, entry by entry', async () => {
    // Prepare
    const messages = await sendAndReceiveTwo();

    // Act
    const result = await sqs.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'now', ReceiptHandle: messages[0]?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'later', ReceiptHandle: messages[1]?.ReceiptHandle, VisibilityTimeout: 600 },
          { Id: 'bad', ReceiptHandle: messages[1]?.ReceiptHandle, VisibilityTimeout: 50_000 },
        ],
      }),
    );
    const visible = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );

    // Assess
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['now', 'later']);
    expect(result.Failed?.map((entry) => [entry.Id, entry.Code])).toEqual([['bad', 'InvalidParameterValue']]);
    expect(visible.Messages?.map((message) => message.Body)).toEqual(['a']);
  });
});
