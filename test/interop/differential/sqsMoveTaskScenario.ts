import {
  CreateQueueCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  type Message,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { ScenarioStep } from './runScenario.js';
import { byBody, countsOf, queueArn, receiveAll, type SqsScenarioContext } from './sqsScenarioSupport.js';

/**
 * The dead-letter queue as the CLI works it: `dlq list` peeks with VisibilityTimeout 0, `dlq
 * redrive` starts a message move task to a named destination and polls ListMessageMoveTasks
 * (src/aws/deadLetterQueueReader.ts, src/aws/messageMoveTask.ts). Its own queue pair, so the
 * main scenario's queues are left as they are.
 */

export const MOVE_SOURCE_QUEUE = 'diff-moves';
export const MOVE_DEAD_LETTER_QUEUE = 'diff-moves-dlq';
const NO_SUCH_QUEUE_ARN = queueArn('diff-no-such-queue');

/** Dead letters as the worker sends them (src/aws/deadLetterQueue.ts): the body, and why. */
const DEAD_LETTERS = ['dead letter a', 'dead letter b'];
const DEAD_LETTER_ATTRIBUTES = {
  Reason: { DataType: 'String', StringValue: 'NonRetryableError' },
  ErrorName: { DataType: 'String', StringValue: 'ValidationException' },
  Attempts: { DataType: 'Number', StringValue: '1' },
};

/** How long the task may take to leave RUNNING (SQS moves asynchronously; two messages take a moment). */
const MOVE_POLLS = 40;
const MOVE_POLL_INTERVAL_MS = 250;

const peekView = (messages: readonly Message[] | undefined) =>
  byBody(messages).map(({ MessageId, Body, Attributes, MessageAttributes }) => ({
    MessageId,
    Body,
    ApproximateReceiveCount: Attributes?.ApproximateReceiveCount,
    MessageAttributes,
  }));

/** The task as `dlq redrive` reads it; the start time keeps only its shape (epoch milliseconds). */
const taskView = ({ StartedTimestamp, ...task }: ListMessageMoveTasksResultEntry) => ({
  ...task,
  StartedTimestamp: StartedTimestamp === undefined ? undefined : String(StartedTimestamp),
});

async function latestTaskOnceDone(context: SqsScenarioContext) {
  for (let poll = 1; ; poll += 1) {
    const { Results = [] } = await context.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: queueArn(MOVE_DEAD_LETTER_QUEUE), MaxResults: 1 }),
    );
    if (Results[0]?.Status !== 'RUNNING' || poll === MOVE_POLLS) return Results.map(taskView);
    await new Promise((resolve) => setTimeout(resolve, MOVE_POLL_INTERVAL_MS));
  }
}

export const MOVE_TASK_STARTED = 'StartMessageMoveTask: from the dead-letter queue to a named destination';
export const MOVE_TASK_LISTED = 'ListMessageMoveTasks: the task completed, every message moved';
export const MOVE_TASK_MISSING_SOURCE = {
  start: 'StartMessageMoveTask: a source queue that does not exist',
  list: 'ListMessageMoveTasks: a source queue that does not exist',
} as const;

export const sqsMoveTaskScenario: readonly ScenarioStep<SqsScenarioContext>[] = [
  {
    name: 'CreateQueue: a queue and its dead-letter queue for the move task',
    run: async (context) => {
      const deadLetter = await context.sqs.send(
        new CreateQueueCommand({ QueueName: MOVE_DEAD_LETTER_QUEUE }),
      );
      const source = await context.sqs.send(
        new CreateQueueCommand({
          QueueName: MOVE_SOURCE_QUEUE,
          Attributes: {
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: queueArn(MOVE_DEAD_LETTER_QUEUE),
              maxReceiveCount: 3,
            }),
          },
        }),
      );
      context.moveDeadLetterUrl = deadLetter.QueueUrl ?? '';
      context.moveSourceUrl = source.QueueUrl ?? '';
      return { deadLetter, source };
    },
  },
  {
    name: 'SendMessage: two dead letters with their reason, as the worker sends them',
    run: async (context) => {
      const sent = [];
      for (const body of DEAD_LETTERS) {
        sent.push(
          await context.sqs.send(
            new SendMessageCommand({
              QueueUrl: context.moveDeadLetterUrl,
              MessageBody: body,
              MessageAttributes: DEAD_LETTER_ATTRIBUTES,
            }),
          ),
        );
      }
      return sent;
    },
  },
  {
    name: 'ReceiveMessage: VisibilityTimeout 0 leaves the messages to the next receive (how dlq list peeks)',
    run: async (context) => {
      const peek = () => receiveAll(context, context.moveDeadLetterUrl, { VisibilityTimeout: 0 });
      const first = peekView((await peek()).Messages);
      const second = peekView((await peek()).Messages);
      return { first, second, counts: await countsOf(context, context.moveDeadLetterUrl) };
    },
  },
  {
    name: MOVE_TASK_STARTED,
    run: async (context) => {
      const { TaskHandle } = await context.sqs.send(
        new StartMessageMoveTaskCommand({
          SourceArn: queueArn(MOVE_DEAD_LETTER_QUEUE),
          DestinationArn: queueArn(MOVE_SOURCE_QUEUE),
        }),
      );
      // The handle is opaque and differs per implementation: only that there is one compares.
      return { TaskHandleIssued: typeof TaskHandle === 'string' && TaskHandle !== '' };
    },
  },
  {
    name: MOVE_TASK_LISTED,
    run: async (context) => ({
      Results: await latestTaskOnceDone(context),
      source: await countsOf(context, context.moveSourceUrl),
      deadLetter: await countsOf(context, context.moveDeadLetterUrl),
    }),
  },
  {
    name: MOVE_TASK_MISSING_SOURCE.start,
    run: (context) => context.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: NO_SUCH_QUEUE_ARN })),
  },
  {
    name: MOVE_TASK_MISSING_SOURCE.list,
    run: (context) =>
      context.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: NO_SUCH_QUEUE_ARN, MaxResults: 1 })),
  },
];
