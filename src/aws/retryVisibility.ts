import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { dnsSuffixOf } from '../domain/awsRegions.js';
import { MAX_VISIBILITY_TIMEOUT_SECONDS } from '../domain/backoff.js';
import { CopyAutopilotError } from '../domain/errors.js';
import { parseQueueArn } from '../domain/identifiers.js';

/** An SQS record's eventSourceARN is not a queue ARN. */
export class QueueArnError extends CopyAutopilotError {
  public readonly arn: string;

  public constructor(arn: string) {
    super(`Not an SQS queue ARN: '${arn}'`);
    this.name = 'QueueArnError';
    this.arn = arn;
  }
}

/**
 * The URL of the queue an SQS record came from. Lambda gives us the ARN only; the URL is
 * derived from it, against the configured endpoint when there is one (the local cloud),
 * because the SDK sends SQS requests to the queue URL's host.
 */
export function queueUrlFromArn(arn: string, endpointUrl?: string): string {
  const queue = parseQueueArn(arn);
  if (queue === undefined) throw new QueueArnError(arn);
  const { partition, region, account, name } = queue;
  if (endpointUrl !== undefined) return `${endpointUrl.replace(/\/+$/, '')}/${account}/${name}`;
  return `https://sqs.${region}.${dnsSuffixOf(partition)}/${account}/${name}`;
}

export interface RetryVisibilityRequest {
  readonly eventSourceArn: string;
  readonly receiptHandle: string;
  readonly delaySeconds: number;
}

/**
 * Keeps a record invisible for `delaySeconds` before SQS hands it out again. The record is then
 * reported as a batch item failure; the receive count SQS keeps drives the next delay and, at
 * maxReceiveCount, the redrive to the DLQ.
 */
export async function setRetryVisibility(
  sqs: SQSClient,
  request: RetryVisibilityRequest,
  endpointUrl?: string,
): Promise<void> {
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrlFromArn(request.eventSourceArn, endpointUrl),
      ReceiptHandle: request.receiptHandle,
      VisibilityTimeout: Math.max(
        0,
        Math.min(MAX_VISIBILITY_TIMEOUT_SECONDS, Math.round(request.delaySeconds)),
      ),
    }),
  );
}

/**
 * Sets the next delivery of an SQS record `delaySeconds` away (setRetryVisibility). Never
 * throws: when SQS refuses, the record is retried anyway, after the queue's own visibility
 * timeout, and the refusal is returned for the caller to log.
 */
export async function delayRetry(
  sqs: SQSClient,
  record: { readonly eventSourceARN: string; readonly receiptHandle: string },
  delaySeconds: number,
  endpointUrl?: string,
): Promise<unknown> {
  try {
    await setRetryVisibility(
      sqs,
      { eventSourceArn: record.eventSourceARN, receiptHandle: record.receiptHandle, delaySeconds },
      endpointUrl,
    );
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * Thrown from the record handler so the batch processor reports the record in
 * `batchItemFailures`: SQS then makes it visible again after the delay set beforehand (delayRetry).
 */
export class RecordRetryError extends CopyAutopilotError {
  public readonly errorName: string;

  public constructor(errorName: string, message: string, options?: ErrorOptions) {
    super(`${errorName}: ${message}`, options);
    this.name = 'RecordRetryError';
    this.errorName = errorName;
  }
}

/** SQS's ApproximateReceiveCount: 1 on the first delivery (and when it is missing or unusable). */
export function receiveCountOf(record: SQSRecord): number {
  const count = Number.parseInt(record.attributes?.ApproximateReceiveCount ?? '1', 10);
  return Number.isFinite(count) && count >= 1 ? count : 1;
}
