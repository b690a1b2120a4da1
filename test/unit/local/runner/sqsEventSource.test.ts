import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { type BatchReport, SqsEventSource } from '../../../../src/local/runner/sqsEventSource.js';
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
    // Every poller has reached the queue: its long poll is waiting on the server.
    await vi.waitUntil(() => local.cloud.sqs.longPollsWaiting() === 3);

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

/** Runs one batch of three messages through a handler answering `respond`; what stays in flight failed. */
async function runOneBatch(name: string, respond: (event: SQSEvent) => unknown) {
  const { QueueUrl: queueUrl = '' } = await local.sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '300' } }),
  );
  await local.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: ['a', 'b', 'c'].map((body) => ({ Id: body, MessageBody: body })),
    }),
  );
  const reports: BatchReport[] = [];
  const source = new SqsEventSource({
    sqs: local.sqs,
    mapping: {
      functionName: 'fn',
      queueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
      queueUrl,
      batchSize: 10,
      maximumBatchingWindowSeconds: 1,
      reportBatchItemFailures: true,
      maximumConcurrency: 1,
    },
    invoke: async (event) => respond(event) as SQSBatchResponse | undefined,
    region: 'us-east-1',
    onBatch: (report) => reports.push(report),
  });
  source.start();
  await vi.waitUntil(() => reports.some((report) => report.size > 0), { timeout: 10_000 });
  await source.stop();
  const { Attributes = {} } = await local.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return { inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible), report: reports.at(-1) };
}

describe('Local runner: SqsEventSource partial batch responses', () => {
  it.each<[string, string, (event: SQSEvent) => unknown, number]>([
    [
      'deletes every record but the ones the handler lists as failed',
      'partial-listed',
      (event) => ({ batchItemFailures: [{ itemIdentifier: event.Records[1]?.messageId }] }),
      1,
    ],
    [
      'keeps the whole batch when a listed identifier is not in it',
      'partial-unknown',
      () => ({ batchItemFailures: [{ itemIdentifier: 'not-a-message-of-this-batch' }] }),
      3,
    ],
    ['keeps the whole batch when the response is not a batch response', 'partial-invalid', () => 'ok', 3],
    [
      'deletes the whole batch when the handler reports no failures',
      'partial-none',
      () => ({ batchItemFailures: [] }),
      0,
    ],
  ])('%s', async (_case, queue, respond, failed) => {
    // Act
    const { inFlight, report } = await runOneBatch(queue, respond);

    // Assess: what failed stays in flight, the rest is deleted
    expect(report).toMatchObject({ size: 3, failed });
    expect(inFlight).toBe(failed);
  });
});
