import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { md5OfMessageAttributes } from '../../../src/local/services/sqs/messageMd5.js';
import { useSqsOnly } from './useSqsOnly.js';

const sqs = useSqsOnly();
let queueUrl: string;
beforeEach(async () => {
  queueUrl = await sqs.createQueue('work', { VisibilityTimeout: '30' });
});

const counts = async () => {
  const { Attributes } = await sqs.client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return {
    visible: Attributes?.ApproximateNumberOfMessages,
    notVisible: Attributes?.ApproximateNumberOfMessagesNotVisible,
    delayed: Attributes?.ApproximateNumberOfMessagesDelayed,
  };
};

describe('Local SQS: messages', () => {
  it('sends, receives and deletes a message, with the body MD5 the SDK checks', async () => {
    // Prepare
    const body = 'héllo\r\nworld {"a":1}';

    // Act
    const sent = await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    const received = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const message = received.Messages?.[0];
    await sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }),
    );

    // Assess
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update(body).digest('hex'));
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: body,
      MD5OfBody: sent.MD5OfMessageBody,
    });
    expect(await counts()).toEqual({ visible: '0', notVisible: '0', delayed: '0' });
  });
});

describe('Local SQS: message attributes', () => {
  it('round-trips String, Number and Binary message attributes with the MD5 AWS computes', async () => {
    // Prepare
    const attributes = {
      color: { DataType: 'String', StringValue: 'blue' },
      count: { DataType: 'Number', StringValue: '42' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
    };

    // Act
    const sent = await sqs.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x', MessageAttributes: attributes }),
    );
    const received = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['All'] }),
    );
    const message = received.Messages?.[0];

    // Assess: the digest is the one moto/botocore compute for the same attributes.
    expect(sent.MD5OfMessageAttributes).toBe('77cbdac16765a88f67b305e51398ee42');
    expect(message?.MD5OfMessageAttributes).toBe('77cbdac16765a88f67b305e51398ee42');
    expect(message?.MessageAttributes?.color).toEqual({ DataType: 'String', StringValue: 'blue' });
    expect(message?.MessageAttributes?.count).toEqual({ DataType: 'Number', StringValue: '42' });
    expect([...(message?.MessageAttributes?.blob?.BinaryValue ?? [])]).toEqual([0, 1, 2, 255]);
  });

  it('returns only the message attributes asked for, with the digest of those', async () => {
    // Prepare
    await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageAttributes: {
          'error.name': { DataType: 'String', StringValue: 'ValidationException' },
          'error.attempts': { DataType: 'Number', StringValue: '3' },
          rule: { DataType: 'String', StringValue: 'prod' },
        },
      }),
    );

    // Act
    const received = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['error.*'] }),
    );
    const message = received.Messages?.[0];

    // Assess
    expect(Object.keys(message?.MessageAttributes ?? {}).sort()).toEqual(['error.attempts', 'error.name']);
    expect(message?.MD5OfMessageAttributes).toBe(
      md5OfMessageAttributes({
        'error.name': { DataType: 'String', StringValue: 'ValidationException' },
        'error.attempts': { DataType: 'Number', StringValue: '3' },
      }),
    );
  });

  it('refuses invalid message attributes', async () => {
    // Act
    const badType = sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageAttributes: { a: { DataType: 'Date', StringValue: 'today' } },
      }),
    );
    const notNumber = sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageAttributes: { a: { DataType: 'Number', StringValue: 'many' } },
      }),
    );

    // Assess
    await expect(badType).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(badType).rejects.toThrow(/supported type prefixes is Binary, Number, and String/);
    await expect(notNumber).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('Local SQS: visibility', () => {
  it('hides a received message for the visibility timeout, then delivers it again with a higher receive count', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'job' }));
    const first = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['All'] }),
    );

    // Act
    const whileHidden = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const countsWhileHidden = await counts();
    sqs.clock.advance(30_000);
    const second = await sqs.client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MessageSystemAttributeNames: [
          'ApproximateReceiveCount',
          'ApproximateFirstReceiveTimestamp',
          'SentTimestamp',
        ],
      }),
    );

    // Assess
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(first.Messages?.[0]?.Attributes).toMatchObject({
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(start),
      SentTimestamp: String(start),
      SenderId: '000000000000',
    });
    expect(whileHidden.Messages).toBeUndefined();
    expect(countsWhileHidden).toEqual({ visible: '0', notVisible: '1', delayed: '0' });
    expect(second.Messages?.[0]?.Attributes).toEqual({
      ApproximateReceiveCount: '2',
      ApproximateFirstReceiveTimestamp: String(start),
      SentTimestamp: String(start),
    });
    expect(second.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('uses the VisibilityTimeout of the receive over the queue default', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'job' }));
    await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 5 }));

    // Act
    sqs.clock.advance(5_000);
    const again = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(again.Messages).toHaveLength(1);
  });

  it('changes the visibility of an in-flight message, and 0 makes it visible at once', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'a' }));
    const { Messages } = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const handle = Messages?.[0]?.ReceiptHandle;

    // Act
    await sqs.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: handle,
        VisibilityTimeout: 120,
      }),
    );
    sqs.clock.advance(60_000);
    const stillHidden = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    await sqs.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }),
    );
    const visibleAgain = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(stillHidden.Messages).toBeUndefined();
    expect(visibleAgain.Messages?.[0]?.Body).toBe('a');
  });
});

describe('Local SQS: visibility refusals', () => {
  it('refuses visibility changes outside 0–43200 and for messages that are not in flight', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'a' }));
    const { Messages } = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const changeVisibility = (VisibilityTimeout: number) =>
      sqs.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: Messages?.[0]?.ReceiptHandle,
          VisibilityTimeout,
        }),
      );

    // Act
    const tooLong = changeVisibility(43_201);
    await expect(tooLong).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    sqs.clock.advance(30_000);
    const notInFlight = changeVisibility(10);

    // Assess
    await expect(notInFlight).rejects.toMatchObject({ name: 'MessageNotInflight' });
  });
});

describe('Local SQS: receipt handles', () => {
  it('answers ReceiptHandleIsInvalid for a made-up handle, and deleting a deleted message succeeds', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'a' }));
    const { Messages } = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const handle = Messages?.[0]?.ReceiptHandle;
    await sqs.client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));

    // Act
    const madeUp = sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'not-a-handle' }),
    );
    const again = sqs.client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));
    const changeDeleted = sqs.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: handle,
        VisibilityTimeout: 10,
      }),
    );

    // Assess
    await expect(madeUp).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    await expect(madeUp).rejects.toMatchObject({
      message: 'The input receipt handle "not-a-handle" is not a valid receipt handle.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(again).resolves.toBeDefined();
    await expect(changeDeleted).rejects.toThrow(
      /Message does not exist or is not available for visibility timeout change/,
    );
  });

  it('deletes with an earlier receipt handle of the same message, as standard queues do', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'a' }));
    const first = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    sqs.clock.advance(30_000);
    await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Act
    await sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );

    // Assess
    expect(sqs.service.peek('work')).toEqual([]);
  });
});

describe('Local SQS: delays, limits and retention', () => {
  it('delays a message by DelaySeconds and counts it as delayed meanwhile', async () => {
    // Prepare
    await sqs.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 10 }),
    );

    // Act
    const early = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const delayedCounts = await counts();
    sqs.clock.advance(10_000);
    const onTime = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(early.Messages).toBeUndefined();
    expect(delayedCounts).toEqual({ visible: '0', notVisible: '0', delayed: '1' });
    expect(onTime.Messages?.[0]?.Body).toBe('later');
  });

  it('returns at most MaxNumberOfMessages and refuses more than 10', async () => {
    // Prepare
    for (let i = 0; i < 5; i += 1) {
      await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `m${i}` }));
    }

    // Act
    const three = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 3 }),
    );
    const eleven = sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 }),
    );

    // Assess
    expect(three.Messages?.map((message) => message.Body)).toEqual(['m0', 'm1', 'm2']);
    await expect(eleven).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
  });

  it('drops messages older than the retention period', async () => {
    // Prepare
    const QueueUrl = await sqs.createQueue('short', { MessageRetentionPeriod: '60' });
    await sqs.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old' }));

    // Act
    sqs.clock.advance(60_000);
    const received = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl }));

    // Assess
    expect(received.Messages).toBeUndefined();
  });
});

describe('Local SQS: long polling', () => {
  it('long polling returns as soon as a message arrives', async () => {
    // Prepare
    const polling = sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));
    await vi.waitUntil(() => sqs.service.longPollsWaiting() === 1);

    // Act
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'wake up' }));

    // Assess
    expect((await polling).Messages?.[0]?.Body).toBe('wake up');
  });

  it('long polling notices a message whose visibility timeout ran out while it waited', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'retry me' }));
    await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const polling = sqs.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));
    await vi.waitUntil(() => sqs.service.longPollsWaiting() === 1);

    // Act
    sqs.clock.advance(30_000);

    // Assess
    expect((await polling).Messages?.[0]?.Body).toBe('retry me');
  });

  it('long polling answers with no messages when the wait ends empty', async () => {
    // Act
    const received = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }),
    );

    // Assess
    expect(received.Messages).toBeUndefined();
  });
});
