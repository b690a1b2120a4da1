import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type SweepTask, sweepTaskBody } from '../events/sweepTask.js';
import {
  type BatchDelivery,
  type BatchFailure,
  type DeliverInBatchesOptions,
  deliverInBatches,
} from './deliverInBatches.js';

/** SendMessageBatch takes at most ten entries a call. */
export const SEND_MESSAGE_BATCH_SIZE = 10;

/**
 * Sends one message per task to the sweep-task queue, ten a call. Entries SQS reports failed
 * (`Failed`: throttling, internal errors) are sent again with a growing delay, then returned as
 * failed.
 */
export function sendSweepTasks(
  sqs: SQSClient,
  queueUrl: string,
  tasks: readonly SweepTask[],
  options: DeliverInBatchesOptions = {},
): Promise<BatchDelivery<SweepTask>> {
  return deliverInBatches(
    tasks,
    SEND_MESSAGE_BATCH_SIZE,
    (batch) => sendBatch(sqs, queueUrl, batch),
    options,
  );
}

async function sendBatch(
  sqs: SQSClient,
  queueUrl: string,
  batch: readonly SweepTask[],
): Promise<BatchFailure<SweepTask>[]> {
  const { Successful = [], Failed = [] } = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: batch.map((task, index) => ({ Id: String(index), MessageBody: sweepTaskBody(task) })),
    }),
  );
  const accepted = new Set(Successful.map((entry) => entry.Id));
  return batch.flatMap((task, index) => {
    if (accepted.has(String(index))) return [];
    const failure = Failed.find((entry) => entry.Id === String(index));
    return [
      {
        item: task,
        errorCode: failure?.Code ?? 'MissingEntryResult',
        errorMessage: failure?.Message ?? 'SendMessageBatch returned no result for this entry',
      },
    ];
  });
}
