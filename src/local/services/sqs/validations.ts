import { sqsErrors } from './sqsErrors.js';

/** How one request parameter is checked before an action runs. */
export type ParamRule =
  | { readonly kind: 'string'; readonly required?: boolean }
  | {
      readonly kind: 'integer';
      readonly required?: boolean;
      readonly min: number;
      readonly max: number;
      /** The `Reason:` AWS gives when the value is out of range. */
      readonly reason: string;
    }
  | { readonly kind: 'stringList'; readonly required?: boolean }
  | { readonly kind: 'map'; readonly required?: boolean }
  | { readonly kind: 'entries'; readonly required?: boolean };

const requiredString = { kind: 'string', required: true } as const;
const optionalString = { kind: 'string' } as const;
const visibilityTimeout = {
  kind: 'integer',
  min: 0,
  max: 43_200,
  reason: 'Must be between 0 and 43200, if provided.',
} as const;
const maxResults = (max: number) =>
  ({ kind: 'integer', min: 1, max, reason: `Must be between 1 and ${max}, if provided.` }) as const;

/** The parameters of every operation the local SQS serves, as declared by the SQS API reference. */
export const SQS_OPERATION_PARAMS = {
  CreateQueue: { QueueName: requiredString, Attributes: { kind: 'map' }, tags: { kind: 'map' } },
  GetQueueUrl: { QueueName: requiredString, QueueOwnerAWSAccountId: optionalString },
  ListQueues: { QueueNamePrefix: optionalString, NextToken: optionalString, MaxResults: maxResults(1000) },
  DeleteQueue: { QueueUrl: requiredString },
  GetQueueAttributes: { QueueUrl: requiredString, AttributeNames: { kind: 'stringList' } },
  SetQueueAttributes: { QueueUrl: requiredString, Attributes: { kind: 'map', required: true } },
  PurgeQueue: { QueueUrl: requiredString },
  ListDeadLetterSourceQueues: {
    QueueUrl: requiredString,
    NextToken: optionalString,
    MaxResults: maxResults(1000),
  },
  SendMessage: {
    QueueUrl: requiredString,
    MessageBody: requiredString,
    DelaySeconds: { kind: 'integer', min: 0, max: 900, reason: 'DelaySeconds must be >= 0 and <= 900.' },
    MessageAttributes: { kind: 'map' },
    MessageSystemAttributes: { kind: 'map' },
    MessageDeduplicationId: optionalString,
    MessageGroupId: optionalString,
  },
  SendMessageBatch: { QueueUrl: requiredString, Entries: { kind: 'entries', required: true } },
  ReceiveMessage: {
    QueueUrl: requiredString,
    AttributeNames: { kind: 'stringList' },
    MessageSystemAttributeNames: { kind: 'stringList' },
    MessageAttributeNames: { kind: 'stringList' },
    MaxNumberOfMessages: {
      kind: 'integer',
      min: 1,
      max: 10,
      reason: 'Must be between 1 and 10, if provided.',
    },
    VisibilityTimeout: visibilityTimeout,
    WaitTimeSeconds: { kind: 'integer', min: 0, max: 20, reason: 'Must be >= 0 and <= 20, if provided.' },
    ReceiveRequestAttemptId: optionalString,
  },
  DeleteMessage: { QueueUrl: requiredString, ReceiptHandle: requiredString },
  DeleteMessageBatch: { QueueUrl: requiredString, Entries: { kind: 'entries', required: true } },
  ChangeMessageVisibility: {
    QueueUrl: requiredString,
    ReceiptHandle: requiredString,
    VisibilityTimeout: { ...visibilityTimeout, required: true },
  },
  ChangeMessageVisibilityBatch: { QueueUrl: requiredString, Entries: { kind: 'entries', required: true } },
  StartMessageMoveTask: {
    SourceArn: requiredString,
    DestinationArn: optionalString,
    MaxNumberOfMessagesPerSecond: {
      kind: 'integer',
      min: 1,
      max: 500,
      reason: 'Must be between 1 and 500, if provided.',
    },
  },
  ListMessageMoveTasks: { SourceArn: requiredString, MaxResults: maxResults(10) },
  CancelMessageMoveTask: { TaskHandle: requiredString },
  ListQueueTags: { QueueUrl: requiredString },
  TagQueue: { QueueUrl: requiredString, Tags: { kind: 'map', required: true } },
  UntagQueue: { QueueUrl: requiredString, TagKeys: { kind: 'stringList', required: true } },
} as const satisfies Record<string, Record<string, ParamRule>>;

export type SqsOperation = keyof typeof SQS_OPERATION_PARAMS;

export function isSqsOperation(name: string): name is SqsOperation {
  return Object.hasOwn(SQS_OPERATION_PARAMS, name);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks an operation's input against its declared parameters; throws the error AWS would. */
export function validateSqsInput(operation: SqsOperation, input: Readonly<Record<string, unknown>>): void {
  const rules: Readonly<Record<string, ParamRule>> = SQS_OPERATION_PARAMS[operation];
  for (const [name, rule] of Object.entries(rules)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (rule.required === true) throw sqsErrors.missingParameter(name);
      continue;
    }
    const invalid = () =>
      sqsErrors.invalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid.`);
    switch (rule.kind) {
      case 'string':
        if (typeof value !== 'string') throw invalid();
        if (rule.required === true && value === '') throw sqsErrors.missingParameter(name);
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid();
        if (value < rule.min || value > rule.max) {
          throw sqsErrors.invalidParameterValue(
            `Value ${value} for parameter ${name} is invalid. Reason: ${rule.reason}`,
          );
        }
        break;
      case 'stringList':
        if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalid();
        break;
      case 'map':
        if (!isRecord(value)) throw invalid();
        break;
      case 'entries':
        if (!Array.isArray(value) || value.some((entry) => !isRecord(entry))) throw invalid();
        break;
    }
  }
}
