import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { CopyAutopilotError } from '../domain/errors.js';

/** The queue a name points at does not exist in this account and region. */
export class QueueNotFoundError extends CopyAutopilotError {
  public readonly queueName: string;

  public constructor(queueName: string, options?: { cause?: unknown }) {
    super(`queue ${queueName} does not exist`, options);
    this.name = 'QueueNotFoundError';
    this.queueName = queueName;
  }
}

/** A queue as the tools need it: its URL for calls, its ARN for move tasks, its depth. */
export interface QueueDetails {
  readonly url: string;
  readonly arn: string;
  readonly name: string;
  /** ApproximateNumberOfMessages + ApproximateNumberOfMessagesNotVisible. */
  readonly approximateMessages: number;
}

function isQueueMissing(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue';
}

/** GetQueueUrl, with a missing queue as QueueNotFoundError. */
export async function queueUrlByName(sqs: SQSClient, queueName: string): Promise<string> {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    if (QueueUrl === undefined) throw new QueueNotFoundError(queueName);
    return QueueUrl;
  } catch (error) {
    if (isQueueMissing(error)) throw new QueueNotFoundError(queueName, { cause: error });
    throw error;
  }
}

/** A queue's ARN and depth (GetQueueAttributes). */
export async function describeQueue(sqs: SQSClient, url: string): Promise<QueueDetails> {
  try {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const arn = Attributes.QueueArn ?? '';
    return {
      url,
      arn,
      name: arn.split(':').at(-1) ?? url,
      approximateMessages:
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  } catch (error) {
    if (isQueueMissing(error)) throw new QueueNotFoundError(url, { cause: error });
    throw error;
  }
}

/** URLs of the queues whose RedrivePolicy names this one as their dead-letter queue (all pages). */
export async function deadLetterSourceQueueUrls(
  sqs: SQSClient,
  deadLetterQueueUrl: string,
): Promise<string[]> {
  const urls: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sqs.send(
      new ListDeadLetterSourceQueuesCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxResults: 1000,
        NextToken: nextToken,
      }),
    );
    urls.push(...(page.queueUrls ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return urls;
}
