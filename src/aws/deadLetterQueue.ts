import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { truncate } from '../domain/truncate.js';

/** What a dead-lettered message carries besides its original body, for whoever reads the DLQ. */
export interface DeadLetter {
  /** The record's body, unchanged, so the message can be redriven once the cause is fixed. */
  readonly body: string;
  readonly reason: string;
  readonly errorName: string;
  readonly errorMessage: string;
  readonly attempts: number;
  readonly sourceMessageId: string;
  readonly policyRule?: string;
  readonly eventId?: string;
  readonly namespace?: string;
  /** The account and region a sweep task was for. */
  readonly account?: string;
  readonly region?: string;
}

// SQS limits a message attribute value to the message size, but a DLQ reader wants a line, not
// a stack: keep messages short.
const MAX_ATTRIBUTE_LENGTH = 1024;

function text(value: string): MessageAttributeValue {
  const clipped = truncate(value, MAX_ATTRIBUTE_LENGTH);
  // SQS rejects empty attribute values.
  return { DataType: 'String', StringValue: clipped === '' ? '-' : clipped };
}

/** The message attributes of a dead letter; exported so tests and tools read the same names. */
export function deadLetterAttributes(letter: DeadLetter): Record<string, MessageAttributeValue> {
  const optional = {
    PolicyRule: letter.policyRule,
    EventId: letter.eventId,
    Namespace: letter.namespace,
    Account: letter.account,
    Region: letter.region,
  };
  return {
    ErrorName: text(letter.errorName),
    ErrorMessage: text(letter.errorMessage),
    Attempts: { DataType: 'Number', StringValue: String(letter.attempts) },
    Reason: text(letter.reason),
    SourceMessageId: text(letter.sourceMessageId),
    // Here an absent key matters: SQS refuses a message attribute without a value, so a field the
    // letter does not have is no attribute at all (and readers tell "none" from "-").
    ...Object.fromEntries(
      Object.entries(optional).flatMap(([name, value]) => (value === undefined ? [] : [[name, text(value)]])),
    ),
  };
}

/**
 * Sends a record that no retry can fix to the dead-letter queue. Throws when SQS refuses: the
 * caller must then leave the record on its queue rather than acknowledge it (never lose one).
 */
export async function sendToDeadLetterQueue(
  sqs: SQSClient,
  queueUrl: string,
  letter: DeadLetter,
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: letter.body,
      MessageAttributes: deadLetterAttributes(letter),
    }),
  );
}
