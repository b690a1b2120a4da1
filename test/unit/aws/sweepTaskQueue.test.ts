import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { sendSweepTasks } from '../../../src/aws/sweepTaskQueue.js';

const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'us-east-1' });
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/copy-autopilot-test-sweep-tasks';
const sleep = async () => undefined;

const task = (index: number) => ({
  account: String(index).padStart(12, '0'),
  region: 'us-east-1',
  planId: 'plan-1',
});

afterEach(() => {
  sqs.reset();
});

describe('Function: sendSweepTasks', () => {
  it('sends one message per task, ten a call', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).callsFake(({ Entries }) => ({
      Successful: Entries.map(({ Id }: { Id: string }) => ({ Id, MessageId: `m-${Id}` })),
      Failed: [],
    }));
    const tasks = Array.from({ length: 23 }, (_, index) => task(index));

    // Act
    const result = await sendSweepTasks(client, QUEUE_URL, tasks, { sleep });

    // Assess
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.Entries?.length)).toEqual([10, 10, 3]);
    expect(calls[0]?.QueueUrl).toBe(QUEUE_URL);
    expect(JSON.parse(calls[0]?.Entries?.[1]?.MessageBody ?? '')).toEqual({
      account: '000000000001',
      region: 'us-east-1',
      planId: 'plan-1',
    });
    expect(result).toEqual({ delivered: tasks, failed: [] });
  });

  it('sends again the entries SQS refused, and reports those still refused after the last attempt', async () => {
    // Prepare: task 1 is refused once, task 2 every time
    let refusalsOfTask1 = 0;
    sqs.on(SendMessageBatchCommand).callsFake(({ Entries }) => {
      const outcome = { Successful: [] as { Id: string; MessageId: string }[], Failed: [] as object[] };
      for (const { Id, MessageBody } of Entries as { Id: string; MessageBody: string }[]) {
        const { account } = JSON.parse(MessageBody) as { account: string };
        const refused = account.endsWith('2') || (account.endsWith('1') && refusalsOfTask1++ === 0);
        if (refused)
          outcome.Failed.push({ Id, Code: 'InternalError', SenderFault: false, Message: 'try again' });
        else outcome.Successful.push({ Id, MessageId: `m-${Id}` });
      }
      return outcome;
    });

    // Act
    const result = await sendSweepTasks(client, QUEUE_URL, [task(0), task(1), task(2)], {
      sleep,
      maxAttempts: 3,
    });

    // Assess: task 1 got through on the second try; task 2 never did
    expect(
      sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries?.length),
    ).toEqual([3, 2, 1]);
    expect(result.delivered).toEqual([task(0), task(1)]);
    expect(result.failed).toEqual([{ item: task(2), errorCode: 'InternalError', errorMessage: 'try again' }]);
  });
});
