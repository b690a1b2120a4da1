import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it, vi } from 'vitest';
import { SqsEventSource } from '../../../../src/local/runner/sqsEventSource.js';
import { useLocalSqs } from './useLocalSqs.js';

const local = useLocalSqs();

describe('Local runner: SqsEventSource', () => {
  it('takes no message sent after stop() resolved, so another consumer gets it at once', async () => {
    // Prepare
    const { QueueUrl: queueUrl = '' } = await local.sqs.send(
      new CreateQueueCommand({ QueueName: 'stop-test' }),
    );
    const invoke = vi.fn(async () => undefined);
    const source = new SqsEventSource({
      sqs: local.sqs,
      mapping: {
        functionName: 'fn',
        queueArn: 'arn:aws:sqs:us-east-1:000000000000:stop-test',
        queueUrl,
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: true,
        maximumConcurrency: 3,
      },
      invoke,
      region: 'us-east-1',
    });
    source.start();
    // Let the pollers reach the queue: their long polls are now waiting on the server.
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    await source.stop();
    await local.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'after stop' }));
    const { Messages = [] } = await local.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );

    // Assess
    expect(Messages.map((message) => message.Body)).toEqual(['after stop']);
    expect(invoke).not.toHaveBeenCalled();
  });
});
