import { sqsErrors } from './sqsErrors.js';

/** A settable queue attribute: its default (absent = not reported until set) and how a value is checked. */
interface QueueAttributeRule {
  readonly defaultValue?: string;
  /** Returns the value as SQS stores and reports it, or throws InvalidAttributeValue. */
  readonly normalise: (name: string, value: string) => string;
}

const integerBetween =
  (min: number, max: number) =>
  (name: string, value: string): string => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw sqsErrors.invalidAttributeValue(name);
    }
    return String(parsed);
  };

const anyString = (_name: string, value: string): string => value;

const booleanString = (name: string, value: string): string => {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw sqsErrors.invalidAttributeValue(name);
  return lower;
};

const jsonDocument = (name: string, value: string): string => {
  try {
    JSON.parse(value);
  } catch {
    throw sqsErrors.invalidAttributeValue(name);
  }
  return value;
};

/**
 * The standard-queue attributes CreateQueue and SetQueueAttributes accept, with the ranges of the
 * SQS API reference (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html); the model types their values as plain
 * strings. RedrivePolicy is checked separately: it needs the store.
 */
export const SETTABLE_QUEUE_ATTRIBUTES: Readonly<Record<string, QueueAttributeRule>> = {
  DelaySeconds: { defaultValue: '0', normalise: integerBetween(0, 900) },
  // 1 MiB since August 2025, when SQS raised the payload limit (the SDK's CreateQueue docs say so).
  MaximumMessageSize: { defaultValue: '1048576', normalise: integerBetween(1024, 1_048_576) },
  MessageRetentionPeriod: { defaultValue: '345600', normalise: integerBetween(60, 1_209_600) },
  ReceiveMessageWaitTimeSeconds: { defaultValue: '0', normalise: integerBetween(0, 20) },
  VisibilityTimeout: { defaultValue: '30', normalise: integerBetween(0, 43_200) },
  SqsManagedSseEnabled: { defaultValue: 'true', normalise: booleanString },
  Policy: { normalise: jsonDocument },
  RedriveAllowPolicy: { normalise: jsonDocument },
  KmsMasterKeyId: { normalise: anyString },
  KmsDataKeyReusePeriodSeconds: { normalise: integerBetween(60, 86_400) },
  RedrivePolicy: { normalise: anyString },
};

/** Attributes GetQueueAttributes reports but nobody can set. */
export const READ_ONLY_QUEUE_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

/** FIFO-only attributes: the local cloud runs standard queues only. */
const FIFO_QUEUE_ATTRIBUTES = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Every name GetQueueAttributes accepts (besides `All`), in the order AWS lists them for `All`. */
export const KNOWN_QUEUE_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  ...READ_ONLY_QUEUE_ATTRIBUTES,
  ...Object.keys(SETTABLE_QUEUE_ATTRIBUTES),
  ...FIFO_QUEUE_ATTRIBUTES,
]);

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** Parses a stored (already validated) RedrivePolicy attribute. */
export function parseRedrivePolicy(value: string | undefined): RedrivePolicy | undefined {
  if (value === undefined || value === '') return undefined;
  return JSON.parse(value) as RedrivePolicy;
}

function normaliseRedrivePolicy(value: string, deadLetterQueueExists: (arn: string) => boolean): string {
  const invalid = (reason: string) =>
    sqsErrors.invalidParameterValue(
      `Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid('Redrive policy is not a valid JSON map.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('Redrive policy is not a valid JSON map.');
  }
  const { deadLetterTargetArn, maxReceiveCount } = parsed as Record<string, unknown>;
  if (deadLetterTargetArn === undefined) {
    throw invalid('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (maxReceiveCount === undefined) {
    throw invalid('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  }
  const count = Number(maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalid(
      `Invalid value for maxReceiveCount: ${String(maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  if (typeof deadLetterTargetArn !== 'string' || !deadLetterQueueExists(deadLetterTargetArn)) {
    throw invalid('Dead letter target does not exist.');
  }
  return JSON.stringify({ deadLetterTargetArn, maxReceiveCount: count });
}

/**
 * Checks attributes given to CreateQueue / SetQueueAttributes and returns them as SQS stores
 * them. An empty RedrivePolicy or Policy means "remove" and is kept as '' for the caller.
 */
export function normaliseQueueAttributes(
  attributes: Readonly<Record<string, unknown>>,
  deadLetterQueueExists: (arn: string) => boolean,
): Record<string, string> {
  const normalised: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    if (FIFO_QUEUE_ATTRIBUTES.has(name)) {
      if (name === 'FifoQueue' && String(raw).toLowerCase() === 'false') continue;
      throw sqsErrors.unsupportedOperation(
        `The local cloud runs standard queues only; ${name} is not supported.`,
      );
    }
    const rule = SETTABLE_QUEUE_ATTRIBUTES[name];
    if (rule === undefined) throw sqsErrors.invalidAttributeName(name);
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      throw sqsErrors.invalidAttributeValue(name);
    }
    const value = String(raw);
    if (value === '' && (name === 'RedrivePolicy' || name === 'Policy' || name === 'RedriveAllowPolicy')) {
      normalised[name] = '';
      continue;
    }
    normalised[name] =
      name === 'RedrivePolicy'
        ? normaliseRedrivePolicy(value, deadLetterQueueExists)
        : rule.normalise(name, value);
  }
  return normalised;
}

/** The attributes a new queue starts with. */
export function defaultQueueAttributes(): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [name, rule] of Object.entries(SETTABLE_QUEUE_ATTRIBUTES)) {
    if (rule.defaultValue !== undefined) defaults[name] = rule.defaultValue;
  }
  return defaults;
}
