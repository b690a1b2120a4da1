import {
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_ACCOUNT_ID } from '../../../src/local/services/contracts.js';
import { REGION } from './clientConfig.js';

/** What the SQS steps share: the client of one side and what earlier steps learned. */
export interface SqsScenarioContext {
  readonly sqs: SQSClient;
  sourceUrl: string;
  deadLetterUrl: string;
  /** The receipt handles of the latest receive from the source queue, by message body. */
  handles: Record<string, string>;
  deadLetterHandles: Record<string, string>;
  /** The queue pair of the message move task steps (sqsMoveTaskScenario.ts). */
  moveSourceUrl: string;
  moveDeadLetterUrl: string;
}

/** The ARN of a queue of the scenarios (both sides answer as the local cloud's account, in REGION). */
export const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${LOCAL_ACCOUNT_ID}:${name}`;

/** Both sides answer in queue order today, but SQS promises no order: compare sorted by body. */
export const byBody = (messages: readonly Message[] | undefined): Message[] =>
  [...(messages ?? [])].sort((a, b) => (a.Body ?? '').localeCompare(b.Body ?? ''));

export const handlesByBody = (messages: readonly Message[]): Record<string, string> =>
  Object.fromEntries(messages.map((message) => [message.Body ?? '', message.ReceiptHandle ?? '']));

/** A receive of everything visible, with every system and message attribute. */
export const receiveAll = (
  context: SqsScenarioContext,
  queueUrl: string,
  overrides: Partial<ReceiveMessageCommandInput> = {},
) =>
  context.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
      ...overrides,
    }),
  );

/** The visible and in-flight counts of a queue. */
export const countsOf = async (context: SqsScenarioContext, queueUrl: string) => {
  const output = await context.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return output.Attributes;
};
