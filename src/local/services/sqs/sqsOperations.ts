/** Every operation the local SQS serves, by its API name (JSON and query protocols alike). */
export const SQS_OPERATIONS = [
  'CreateQueue',
  'GetQueueUrl',
  'ListQueues',
  'DeleteQueue',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'PurgeQueue',
  'ListDeadLetterSourceQueues',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'StartMessageMoveTask',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
  'ListQueueTags',
  'TagQueue',
  'UntagQueue',
] as const;

export type SqsOperation = (typeof SQS_OPERATIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(SQS_OPERATIONS);

export function isSqsOperation(name: string): name is SqsOperation {
  return KNOWN.has(name);
}
