import { LOCAL_ACCOUNT_ID } from '../../../src/local/services/contracts.js';
import { type KnownDivergence, rewriteOk, withErrorStatus } from './knownDivergence.js';
import type { ErrorShape } from './runScenario.js';
import {
  MOVE_DEAD_LETTER_QUEUE,
  MOVE_SOURCE_QUEUE,
  MOVE_TASK_LISTED,
  MOVE_TASK_MISSING_SOURCE,
  MOVE_TASK_STARTED,
} from './sqsMoveTaskScenario.js';
import { SOURCE_QUEUE } from './sqsScenario.js';
import { queueArn } from './sqsScenarioSupport.js';

const QUEUE_ATTRIBUTE_STEPS = [
  'GetQueueAttributes: All on the source queue',
  'GetQueueAttributes: All on the dead-letter queue',
];
const RECEIVE_STEPS = [
  'ReceiveMessage: every message with all system and message attributes',
  'ReceiveMessage: from the DLQ, same ids and bodies',
];

/** Where moto 5.2.1's SQS is not the reference, each with what AWS answers instead. */
export const SQS_DIVERGENCES: readonly KnownDivergence[] = [
  ...QUEUE_ATTRIBUTE_STEPS.map((step) => ({
    step,
    reason:
      'moto reports CreatedTimestamp and LastModifiedTimestamp with fractional seconds ("1795615407.62"); ' +
      'the SQS API reference (GetQueueAttributes) and AWS answer whole epoch seconds.',
    towardAws: (outcome: Parameters<KnownDivergence['towardAws']>[0]) =>
      rewriteOk(outcome, (key, value) =>
        key?.endsWith('Timestamp') && typeof value === 'string' && /^\d{10}\.\d+$/.test(value)
          ? '<epoch 10 digits>'
          : value,
      ),
  })),
  {
    step: 'GetQueueAttributes: All on the source queue',
    reason:
      'moto re-serialises RedrivePolicy with Python\'s json.dumps spacing (`{"a": 1}`); AWS returns it compact ' +
      '(`{"deadLetterTargetArn":"…","maxReceiveCount":2}`, as in the SQS documentation examples).',
    towardAws: (outcome) =>
      rewriteOk(outcome, (key, value) =>
        key === 'RedrivePolicy' && typeof value === 'string' ? JSON.stringify(JSON.parse(value)) : value,
      ),
  },
  {
    step: 'SendMessageBatch: two good entries and one with DelaySeconds over 900',
    reason:
      'moto writes BatchResultErrorEntry.SenderFault as the string "true" in the JSON protocol; the SQS service ' +
      'model types it as a boolean, which AWS sends as true.',
    towardAws: (outcome) =>
      rewriteOk(outcome, (key, value) => (key === 'SenderFault' && value === 'true' ? true : value)),
  },
  ...RECEIVE_STEPS.map((step) => ({
    step,
    reason:
      'SenderId is the IAM identity of the sender. moto invents a fixed IAM user id (AIDA…); the local cloud ' +
      'has no IAM and reports the account id. Neither stands for a real caller, so the local value is ' +
      "pinned to the account id rather than compared with moto's.",
    towardAws: (outcome: Parameters<KnownDivergence['towardAws']>[0]) =>
      rewriteOk(outcome, (key, value) => (key === 'SenderId' ? LOCAL_ACCOUNT_ID : value)),
  })),
  {
    step: 'ReceiveMessage: from the DLQ, same ids and bodies',
    reason:
      'moto does not report DeadLetterQueueSourceArn on a redriven message; AWS does when all system ' +
      'attributes are asked for (SQS API reference, ReceiveMessage: MessageSystemAttributeNames).',
    towardAws: (outcome) =>
      rewriteOk(outcome, (key, value) =>
        key === 'Attributes' && typeof value === 'object' && value !== null
          ? {
              ...value,
              DeadLetterQueueSourceArn: queueArn(SOURCE_QUEUE),
            }
          : value,
      ),
  },
  ...['DeleteMessage: a malformed receipt handle', 'ChangeMessageVisibility: a malformed receipt handle'].map(
    (step) => ({
      step,
      reason:
        'moto answers ReceiptHandleIsInvalid with HTTP 400; the SQS service model (@aws-sdk/client-sqs ' +
        'schema: httpError 404, awsQueryError ["ReceiptHandleIsInvalid", 404]) and AWS use 404.',
      towardAws: withErrorStatus(404),
    }),
  ),
  {
    step: 'SetQueueAttributes: a VisibilityTimeout out of range',
    reason:
      'moto stores VisibilityTimeout 43201; the SQS API reference allows 0 to 43,200 seconds (12 hours) and AWS ' +
      'answers InvalidAttributeValue.',
    towardAws: () => ({ error: senderError('InvalidAttributeValue') }),
  },
  {
    step: 'SendMessage: a message attribute without a value',
    reason:
      'moto accepts a String attribute with neither StringValue nor BinaryValue; AWS refuses it with ' +
      'InvalidParameterValue ("must contain non-empty message attribute value").',
    towardAws: () => ({ error: senderError('InvalidParameterValue') }),
  },
  ...moveTaskDivergences(),
];

/**
 * moto 5.2.1 implements none of the message move task actions (moto/sqs/responses.py has no
 * start_message_move_task or list_message_move_tasks): its server answers 500 with an HTML
 * NotImplementedError page, which the SDK reports as a SyntaxError. What AWS answers instead is
 * written out from the SQS API reference and service model, and the local cloud must match it.
 */
function moveTaskDivergences(): KnownDivergence[] {
  const notImplemented = (action: string) =>
    `moto 5.2.1 does not implement ${action} (answers 500, NotImplementedError); `;
  const missingSource = (action: string): KnownDivergence => ({
    step: action === 'StartMessageMoveTask' ? MOVE_TASK_MISSING_SOURCE.start : MOVE_TASK_MISSING_SOURCE.list,
    reason:
      `${notImplemented(action)}AWS answers ResourceNotFoundException for a SourceArn that names no queue ` +
      '(SQS API reference, Errors; service model: awsQueryError ["ResourceNotFoundException", 404], a Sender fault).',
    towardAws: () => ({
      error: { name: 'ResourceNotFoundException', type: 'Sender', fault: 'client', status: 404 },
    }),
  });
  return [
    {
      step: MOVE_TASK_STARTED,
      reason: `${notImplemented('StartMessageMoveTask')}AWS returns a TaskHandle (SQS API reference, StartMessageMoveTask).`,
      towardAws: () => ({ ok: { TaskHandleIssued: true } }),
    },
    {
      step: MOVE_TASK_LISTED,
      reason:
        `${notImplemented('ListMessageMoveTasks')}AWS lists the task, newest first, with Status COMPLETED once ` +
        'every message is moved, the messages it counted at the start (ApproximateNumberOfMessagesToMove) and moved, ' +
        'the source and destination ARNs and StartedTimestamp in epoch milliseconds; a TaskHandle only while ' +
        'RUNNING (SQS API reference, ListMessageMoveTasksResultEntry). The two dead letters are then in the destination.',
      towardAws: () => ({
        ok: {
          Results: [
            {
              Status: 'COMPLETED',
              SourceArn: queueArn(MOVE_DEAD_LETTER_QUEUE),
              DestinationArn: queueArn(MOVE_SOURCE_QUEUE),
              ApproximateNumberOfMessagesMoved: 2,
              ApproximateNumberOfMessagesToMove: 2,
              StartedTimestamp: '<epoch 13 digits>',
            },
          ],
          source: { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '0' },
          deadLetter: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' },
        },
      }),
    },
    missingSource('StartMessageMoveTask'),
    missingSource('ListMessageMoveTasks'),
  ];
}

/** How a client-side SQS error looks in the transcript when its query code is its name. */
function senderError(name: string): ErrorShape {
  return { name, type: 'Sender', fault: 'client', status: 400 };
}
