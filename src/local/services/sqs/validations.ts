import type { AwsServiceError } from '../../protocol/serviceError.js';
import { checkOperationInput } from '../../serviceModel/checkShape.js';
import type { PathSegment, Violation } from '../../serviceModel/constraints.js';
import { queryParameterName } from './queryRequest.js';
import { sqsErrors } from './sqsErrors.js';
import { SQS_MODEL } from './sqsModel.js';
import type { SqsOperation } from './sqsOperations.js';

/** A documented bound the SQS model leaves out, with the `Reason:` SQS gives when it is broken. */
interface Range {
  readonly min: number;
  readonly max: number;
  readonly reason: string;
}

const between = (min: number, max: number): Range => ({
  min,
  max,
  reason: `Must be between ${min} and ${max}, if provided.`,
});
const VISIBILITY_TIMEOUT = between(0, 43_200);

/**
 * The numeric ranges of the SQS API reference, which the model does not carry (its integers are
 * unbounded): https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_<Operation>.html
 * (ListQueues and ListDeadLetterSourceQueues MaxResults 1–1000, SendMessage DelaySeconds 0–900,
 * ReceiveMessage MaxNumberOfMessages 1–10, VisibilityTimeout 0–43200 and WaitTimeSeconds 0–20,
 * StartMessageMoveTask MaxNumberOfMessagesPerSecond 1–500, ListMessageMoveTasks MaxResults 1–10).
 * Batch entries carry their own and fail one by one (actions/batchActions.ts, messageContent.ts).
 */
const DOCUMENTED_RANGES: Partial<Record<SqsOperation, Readonly<Record<string, Range>>>> = {
  ListQueues: { MaxResults: between(1, 1000) },
  ListDeadLetterSourceQueues: { MaxResults: between(1, 1000) },
  SendMessage: { DelaySeconds: { min: 0, max: 900, reason: 'DelaySeconds must be >= 0 and <= 900.' } },
  ReceiveMessage: {
    MaxNumberOfMessages: between(1, 10),
    VisibilityTimeout: VISIBILITY_TIMEOUT,
    WaitTimeSeconds: { min: 0, max: 20, reason: 'Must be >= 0 and <= 20, if provided.' },
  },
  ChangeMessageVisibility: { VisibilityTimeout: VISIBILITY_TIMEOUT },
  StartMessageMoveTask: { MaxNumberOfMessagesPerSecond: between(1, 500) },
  ListMessageMoveTasks: { MaxResults: between(1, 10) },
};

/** How a request names its parameters: JSON members (`Entries.1.Id`) or query parameters (`SendMessageBatchRequestEntry.1.Id`). */
export type SqsProtocol = 'json' | 'query';

function parameterName(operation: SqsOperation, path: readonly PathSegment[], protocol: SqsProtocol): string {
  if (protocol === 'query') return queryParameterName(operation, path);
  return path
    .map((segment) =>
      'member' in segment ? segment.member : 'index' in segment ? segment.index + 1 : segment.key,
    )
    .join('.');
}

/**
 * Checks a request (JSON, or query parameters already read into the JSON shape) against the
 * operation's input shape in the vendored SQS model, answering the first problem the way SQS
 * does, in both protocols: a wrong type is InvalidParameterValue, a missing required member
 * MissingParameter, a name outside an enum (attribute names) InvalidAttributeName "Unknown
 * Attribute …". SQS keeps its own wording for message attribute values (SQS API reference,
 * SendMessage: "must contain non-empty message attribute type"), and an empty required string is
 * as good as absent (the query protocol cannot tell them apart; SQS answers MissingParameter).
 * Then the documented ranges above.
 */
export function validateSqsInput(
  operation: SqsOperation,
  input: Readonly<Record<string, unknown>>,
  protocol: SqsProtocol = 'json',
): void {
  const check = checkOperationInput(SQS_MODEL, operation, input);
  const name = (path: readonly PathSegment[]) => parameterName(operation, path, protocol);
  if (check.typeMismatch !== undefined) {
    const { path, value } = check.typeMismatch;
    throw sqsErrors.invalidParameterValue(`Value ${String(value)} for parameter ${name(path)} is invalid.`);
  }
  const first = check.violations[0];
  if (first !== undefined) throw sqsError(first, name);
  const required = SQS_MODEL.shapes[SQS_MODEL.operations[operation]?.input?.shape ?? '']?.required ?? [];
  const empty = (required as readonly string[]).find((member) => input[member] === '');
  if (empty !== undefined) throw sqsErrors.missingParameter(name([{ member: empty }]));
  for (const [member, range] of Object.entries(DOCUMENTED_RANGES[operation] ?? {})) {
    const value = input[member];
    if (typeof value === 'number' && (value < range.min || value > range.max)) {
      throw sqsErrors.invalidParameterValue(
        `Value ${value} for parameter ${name([{ member }])} is invalid. Reason: ${range.reason}`,
      );
    }
  }
}

function sqsError(violation: Violation, name: (path: readonly PathSegment[]) => string): AwsServiceError {
  const { constraint, path, value } = violation;
  const attribute = messageAttributeOf(path);
  if (constraint.kind === 'required' && attribute !== undefined) {
    return sqsErrors.invalidParameterValue(
      `The ${attribute.kind} '${attribute.name}' must contain non-empty message attribute type.`,
    );
  }
  if (constraint.kind === 'required') return sqsErrors.missingParameter(name(path));
  if (constraint.kind === 'enum') return sqsErrors.invalidAttributeName(String(value));
  if (constraint.kind === 'mapKeys') {
    const allowed = constraint.constraints.find((inner) => inner.kind === 'enum');
    const keys = Object.keys(value as Record<string, unknown>);
    const unknown = allowed?.kind === 'enum' ? keys.find((key) => !allowed.values.includes(key)) : keys[0];
    return sqsErrors.invalidAttributeName(unknown ?? '');
  }
  return sqsErrors.invalidParameterValue(`Value ${String(value)} for parameter ${name(path)} is invalid.`);
}

/** The message (system) attribute a path leads into, if any. */
function messageAttributeOf(
  path: readonly PathSegment[],
): { readonly kind: 'message attribute' | 'message system attribute'; readonly name: string } | undefined {
  for (let index = 1; index < path.length; index += 1) {
    const map = path[index - 1];
    const entry = path[index];
    if (map === undefined || entry === undefined || !('member' in map) || !('key' in entry)) continue;
    if (map.member === 'MessageAttributes') return { kind: 'message attribute', name: entry.key };
    if (map.member === 'MessageSystemAttributes')
      return { kind: 'message system attribute', name: entry.key };
  }
  return undefined;
}
