import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSqsOnly } from './useSqsOnly.js';

const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:requests-dlq';
const SOURCE_ARN = 'arn:aws:sqs:us-east-1:000000000000:requests';

const sqs = useSqsOnly();
let sourceUrl: string;
let dlqUrl: string;
beforeEach(async () => {
  dlqUrl = (await sqs.client.send(new CreateQueueCommand({ QueueName: 'requests-dlq' }))).QueueUrl ?? '';
  sourceUrl =
    (
      await sqs.client.send(
        new CreateQueueCommand({
          QueueName: 'requests',
          Attributes: {
            VisibilityTimeout: '10',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 2 }),
          },
        }),
      )
    ).QueueUrl ?? '';
});

/** Receives from the source queue until the message has been received `times` times. */
const failReceiving = async (times: number) => {
  for (let i = 0; i < times; i += 1) {
    const { Messages } = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl }));
    expect(Messages).toHaveLength(1);
    sqs.clock.advance(10_000);
  }
};

describe('Local SQS: redrive to a dead-letter queue', () => {
  it('moves a message to the DLQ on the receive after maxReceiveCount instead of returning it', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: 'poison' }));
    await failReceiving(2);

    // Act
    const third = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl }));
    const fromDlq = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }),
    );

    // Assess
    expect(third.Messages).toBeUndefined();
    expect(fromDlq.Messages?.[0]?.Body).toBe('poison');
    expect(fromDlq.Messages?.[0]?.Attributes).toMatchObject({
      DeadLetterQueueSourceArn: SOURCE_ARN,
      ApproximateReceiveCount: '3',
    });
  });

  it('lists the queues that use a DLQ', async () => {
    // Act
    const { queueUrls } = await sqs.client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));

    // Assess
    expect(queueUrls).toEqual([sourceUrl]);
  });
});

describe('Local SQS: message move tasks', () => {
  it('moves DLQ messages back to their source queue with a fresh receive count', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: 'retry me' }));
    await failReceiving(2);
    await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl }));
    expect(sqs.service.peek('requests-dlq')).toHaveLength(1);

    // Act
    const { TaskHandle } = await sqs.client.send(new StartMessageMoveTaskCommand({ SourceArn: DLQ_ARN }));
    const tasks = await sqs.client.send(new ListMessageMoveTasksCommand({ SourceArn: DLQ_ARN }));
    const back = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: sourceUrl, MessageSystemAttributeNames: ['All'] }),
    );

    // Assess
    expect(TaskHandle).toBeTruthy();
    expect(tasks.Results).toEqual([
      expect.objectContaining({
        Status: 'COMPLETED',
        SourceArn: DLQ_ARN,
        ApproximateNumberOfMessagesMoved: 1,
        ApproximateNumberOfMessagesToMove: 1,
      }),
    ]);
    expect(back.Messages?.[0]?.Body).toBe('retry me');
    expect(back.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(back.Messages?.[0]?.Attributes).not.toHaveProperty('DeadLetterQueueSourceArn');
    expect(sqs.service.peek('requests-dlq')).toEqual([]);
  });

  it('moves at MaxNumberOfMessagesPerSecond as the clock runs, and a running task can be cancelled', async () => {
    // Prepare
    for (const body of ['a', 'b', 'c']) {
      await sqs.client.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));
    }

    // Act
    const { TaskHandle } = await sqs.client.send(
      new StartMessageMoveTaskCommand({
        SourceArn: DLQ_ARN,
        DestinationArn: SOURCE_ARN,
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    sqs.clock.advance(1_000);
    const running = await sqs.client.send(new ListMessageMoveTasksCommand({ SourceArn: DLQ_ARN }));
    const second = sqs.client.send(new StartMessageMoveTaskCommand({ SourceArn: DLQ_ARN }));
    await expect(second).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const cancelled = await sqs.client.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    sqs.clock.advance(10_000);
    const after = await sqs.client.send(
      new ListMessageMoveTasksCommand({ SourceArn: DLQ_ARN, MaxResults: 10 }),
    );

    // Assess
    expect(running.Results?.[0]).toMatchObject({
      Status: 'RUNNING',
      TaskHandle,
      ApproximateNumberOfMessagesMoved: 1,
    });
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(1);
    expect(after.Results?.[0]).toMatchObject({ Status: 'CANCELLED', ApproximateNumberOfMessagesMoved: 1 });
    expect(after.Results?.[0]).not.toHaveProperty('TaskHandle');
    expect(sqs.service.peek('requests').map((message) => message.body)).toEqual(['a']);
  });
});

describe('Local SQS: message move task refusals', () => {
  it('refuses a move task from a queue that is not a DLQ, or from a missing queue', async () => {
    // Act
    const notDlq = sqs.client.send(new StartMessageMoveTaskCommand({ SourceArn: SOURCE_ARN }));
    const missing = sqs.client.send(
      new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:nope' }),
    );

    // Assess
    await expect(notDlq).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    await expect(missing).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Local SQS: PurgeQueue', () => {
  it('purges every message, in flight or not', async () => {
    // Prepare
    await sqs.client.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: 'a' }));
    await sqs.client.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: 'b' }));
    await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl }));

    // Act
    await sqs.client.send(new PurgeQueueCommand({ QueueUrl: sourceUrl }));
    const { Attributes } = await sqs.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: sourceUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );

    // Assess
    expect(Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });
});
