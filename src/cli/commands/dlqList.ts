import { SQSClient } from '@aws-sdk/client-sqs';
import { type PeekedDeadLetter, peekDeadLetters } from '../../aws/deadLetterQueueReader.js';
import { describeQueue } from '../../aws/queueLookup.js';
import { AWS_OPTIONS_USAGE, awsClientConfig, awsOptions, outputFormat } from '../awsOptions.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { QUEUE_OPTIONS_USAGE, queueOptions, resolveDeadLetterQueueUrl } from '../queueOptions.js';
import { sdkClientConfig } from '../sdkClientConfig.js';

const DEFAULT_LIMIT = 1000;

/** One dead letter as `dlq list` shows it. */
export interface DeadLetterView {
  readonly messageId: string;
  readonly namespace?: string;
  readonly errorName?: string;
  readonly errorMessage?: string;
  readonly reason: string;
  readonly attempts?: number;
  readonly policyRule?: string;
  readonly eventId?: string;
  readonly sourceMessageId?: string;
  readonly sentAt?: string;
  readonly ageSeconds?: number;
  readonly deadLetterSourceArn?: string;
  readonly body: string;
}

/**
 * What a dead letter says, from the worker's message attributes (src/aws/deadLetterQueue.ts)
 * or, for messages SQS moved after maxReceiveCount and events EventBridge could not deliver,
 * which carry none, from the event in its body.
 */
export function describeDeadLetter(message: PeekedDeadLetter, now: number): DeadLetterView {
  const { attributes } = message;
  const event = parseEvent(message.body);
  const attempts = attributes.Attempts === undefined ? undefined : Number(attributes.Attempts);
  const namespace = attributes.Namespace ?? namespaceOf(event);
  const eventId = attributes.EventId ?? (typeof event?.id === 'string' ? event.id : undefined);
  const { sentAt } = message;
  return {
    messageId: message.messageId,
    namespace,
    errorName: attributes.ErrorName,
    errorMessage: attributes.ErrorMessage,
    reason: attributes.Reason ?? fallbackReason(message),
    attempts: attempts === undefined || Number.isNaN(attempts) ? undefined : attempts,
    policyRule: attributes.PolicyRule,
    eventId,
    sourceMessageId: attributes.SourceMessageId,
    sentAt: sentAt === undefined ? undefined : new Date(sentAt).toISOString(),
    ageSeconds: sentAt === undefined ? undefined : Math.max(0, Math.floor((now - sentAt) / 1000)),
    deadLetterSourceArn: message.deadLetterSourceArn,
    body: message.body,
  };
}

function fallbackReason(message: PeekedDeadLetter): string {
  if (message.deadLetterSourceArn !== undefined) {
    return `retries exhausted (maxReceiveCount on ${message.deadLetterSourceArn.split(':').at(-1)})`;
  }
  return 'no reason recorded (e.g. an event EventBridge could not deliver)';
}

function parseEvent(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** detail.namespaceName (Snapshot Copy Requested), or detail.requestParameters.namespaceName (CloudTrail). */
function namespaceOf(event: Record<string, unknown> | undefined): string | undefined {
  const detail = event?.detail as Record<string, unknown> | undefined;
  if (typeof detail?.namespaceName === 'string') return detail.namespaceName;
  const parameters = detail?.requestParameters as Record<string, unknown> | undefined;
  return typeof parameters?.namespaceName === 'string' ? parameters.namespaceName : undefined;
}

/** `42s`, `7m`, `3h`, `2d`: enough to tell fresh from stale. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** `copy-autopilot dlq list`: what is on the dead-letter queue and why, without taking it off. */
export const dlqList: Command = {
  path: ['dlq', 'list'],
  summary: 'list the dead letters: namespace, error, reason, attempts, age, rule',
  usage: [
    'copy-autopilot dlq list [--queue URL | --stage S | --stack-name N] [--limit N] [aws options]',
    '',
    'Reads the messages of the requests dead-letter queue without consuming them (receives with',
    'VisibilityTimeout 0 until no new message shows up). --output json adds each message body.',
    '',
    QUEUE_OPTIONS_USAGE,
    `  --limit N         read at most N messages (default: ${DEFAULT_LIMIT})`,
    AWS_OPTIONS_USAGE,
  ].join('\n'),
  options: { ...awsOptions, ...queueOptions, limit: { type: 'string', default: String(DEFAULT_LIMIT) } },
  run: async ({ values }, { printer, env }) => {
    const output = outputFormat(values);
    const limit = Number(values.limit ?? DEFAULT_LIMIT);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new UsageError(`--limit must be a positive whole number, got ${String(values.limit)}`);
    }
    const sqs = new SQSClient(sdkClientConfig(awsClientConfig(values, env), env));
    try {
      const queueUrl = await resolveDeadLetterQueueUrl(sqs, values);
      const queue = await describeQueue(sqs, queueUrl);
      const messages = await peekDeadLetters(sqs, queueUrl, { limit });
      const now = Date.now();
      const views = messages
        .map((message) => describeDeadLetter(message, now))
        .sort((a, b) => (b.ageSeconds ?? 0) - (a.ageSeconds ?? 0));
      if (output === 'json') {
        printer.json({ queueUrl, approximateMessages: queue.approximateMessages, messages: views });
        return 0;
      }
      if (views.length === 0) {
        printer.note(`${queue.name}: empty`);
        return 0;
      }
      printer.table(
        views.map((view) => ({
          namespace: view.namespace,
          error: view.errorName,
          reason: view.reason,
          attempts: view.attempts,
          age: view.ageSeconds === undefined ? undefined : formatAge(view.ageSeconds),
          rule: view.policyRule,
        })),
        ['namespace', 'error', 'reason', 'attempts', 'age', 'rule'],
      );
      const more = views.length >= limit ? ` (stopped at --limit ${limit})` : '';
      printer.note(`${queue.name}: ${views.length} message(s) shown of ~${queue.approximateMessages}${more}`);
      return 0;
    } finally {
      sqs.destroy();
    }
  },
};
