import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** A message on a dead-letter queue, read without consuming it. */
export interface PeekedDeadLetter {
  readonly messageId: string;
  readonly body: string;
  /** SentTimestamp in epoch milliseconds; SQS keeps a redriven message's original time. */
  readonly sentAt?: number;
  /** Present when SQS moved the message here after maxReceiveCount (not when the worker sent it). */
  readonly deadLetterSourceArn?: string;
  /** String message attributes: ErrorName, ErrorMessage, Attempts, Reason, PolicyRule, … (see deadLetterQueue.ts). */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface PeekOptions {
  /** Stop after this many distinct messages. */
  readonly limit: number;
  /**
   * Receives in a row that bring no new message before giving up. Short polling samples a
   * subset of SQS's servers, so one empty answer does not prove the queue is read out.
   */
  readonly idleRounds?: number;
}

/**
 * Reads a queue's messages without taking them: each receive uses VisibilityTimeout 0, so a
 * message stays visible to its consumers (and to the next receive here). Receives repeat until
 * `idleRounds` answers in a row bring no message not seen yet, or `limit` is reached. Each
 * receive still counts in a message's ApproximateReceiveCount: harmless on a dead-letter queue,
 * which has no redrive policy of its own.
 */
export async function peekDeadLetters(
  sqs: SQSClient,
  queueUrl: string,
  options: PeekOptions,
): Promise<PeekedDeadLetter[]> {
  const seen = new Map<string, PeekedDeadLetter>();
  const idleRounds = options.idleRounds ?? 3;
  let idle = 0;
  while (seen.size < options.limit && idle < idleRounds) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    let fresh = 0;
    for (const message of Messages) {
      if (message.MessageId === undefined || seen.has(message.MessageId)) continue;
      if (seen.size >= options.limit) break;
      seen.set(message.MessageId, toPeeked(message, message.MessageId));
      fresh += 1;
    }
    idle = fresh === 0 ? idle + 1 : 0;
  }
  return [...seen.values()];
}

function toPeeked(message: Message, messageId: string): PeekedDeadLetter {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (value.StringValue !== undefined) attributes[name] = value.StringValue;
  }
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    messageId,
    body: message.Body ?? '',
    sentAt: Number.isFinite(sent) && sent > 0 ? sent : undefined,
    deadLetterSourceArn: message.Attributes?.DeadLetterQueueSourceArn,
    attributes,
  };
}
