import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalEventSourceMapping } from './cloudFormation/types.js';

/** What the event source mapping needs to run one batch through a function. */
export type InvokeBatch = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

export interface BatchReport {
  readonly size: number;
  readonly failed: number;
  /** The whole batch failed: the handler threw or returned an invalid response. */
  readonly batchError?: string;
}

/**
 * Lambda's SQS event source mapping, as its documentation describes it: pollers long-poll the
 * queue, gather up to `batchSize` records within the batching window, invoke the function, and
 * delete what succeeded. With ReportBatchItemFailures only the listed records stay; a thrown
 * error or an invalid response leaves the whole batch to reappear after its visibility timeout.
 */
export class SqsEventSource {
  readonly #sqs: SQSClient;
  readonly #mapping: LocalEventSourceMapping;
  readonly #invoke: InvokeBatch;
  readonly #region: string;
  readonly #onBatch: (report: BatchReport) => void;
  #running = false;
  readonly #pollers: Promise<void>[] = [];

  public constructor(options: {
    sqs: SQSClient;
    mapping: LocalEventSourceMapping;
    invoke: InvokeBatch;
    region: string;
    onBatch?: (report: BatchReport) => void;
  }) {
    this.#sqs = options.sqs;
    this.#mapping = options.mapping;
    this.#invoke = options.invoke;
    this.#region = options.region;
    this.#onBatch = options.onBatch ?? (() => undefined);
  }

  public start(): void {
    if (this.#running) return;
    this.#running = true;
    for (let index = 0; index < this.#mapping.maximumConcurrency; index += 1) {
      this.#pollers.push(this.#poll());
    }
  }

  /**
   * Stops polling; batches already in a function finish first. Receives in flight are waited
   * for (at most the 1 s poll) rather than aborted: the queue does not know a client gave up,
   * so an aborted long poll could still take a message and hide it for the visibility timeout.
   * What such a last receive returns goes back to the queue at once.
   */
  public async stop(): Promise<void> {
    this.#running = false;
    await Promise.allSettled(this.#pollers.splice(0));
  }

  async #poll(): Promise<void> {
    while (this.#running) {
      try {
        const messages = await this.#gather();
        if (messages.length > 0 && !this.#running) await this.#release(messages);
        else if (messages.length > 0) await this.#runBatch(messages);
      } catch (error) {
        if (!this.#running) return;
        // A failed poll is retried, as the service does; brief pause so a dead endpoint isn't hammered.
        this.#onBatch({ size: 0, failed: 0, batchError: `poll failed: ${(error as Error).message}` });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  async #gather(): Promise<Message[]> {
    const { batchSize, maximumBatchingWindowSeconds } = this.#mapping;
    const windowEnds = Date.now() + maximumBatchingWindowSeconds * 1000;
    const batch: Message[] = [];
    do {
      const remainingSeconds = Math.ceil((windowEnds - Date.now()) / 1000);
      const response = await this.#sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.#mapping.queueUrl,
          MaxNumberOfMessages: Math.min(10, batchSize - batch.length),
          // Short waits keep stop() prompt; the batching window still bounds how long a batch gathers.
          WaitTimeSeconds: batch.length === 0 ? 1 : Math.max(0, Math.min(1, remainingSeconds)),
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      batch.push(...(response.Messages ?? []));
      if ((response.Messages ?? []).length === 0 && batch.length > 0 && Date.now() >= windowEnds) break;
    } while (this.#running && batch.length < batchSize && Date.now() < windowEnds);
    return batch;
  }

  /** Makes messages received after stop() visible again, unprocessed. */
  async #release(messages: Message[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      await this.#sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.#mapping.queueUrl,
          Entries: messages.slice(start, start + 10).map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          })),
        }),
      );
    }
  }

  async #runBatch(messages: Message[]): Promise<void> {
    const records = messages.map((message) => toRecord(message, this.#mapping.queueArn, this.#region));
    let failedIds: Set<string>;
    let batchError: string | undefined;
    try {
      const response = await this.#invoke({ Records: records });
      failedIds = this.#failuresFrom(response, records);
    } catch (error) {
      batchError = (error as Error).message;
      failedIds = new Set(records.map((record) => record.messageId));
    }
    const succeeded = messages.filter((message) => !failedIds.has(message.MessageId ?? ''));
    for (let start = 0; start < succeeded.length; start += 10) {
      const chunk = succeeded.slice(start, start + 10);
      await this.#sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.#mapping.queueUrl,
          Entries: chunk.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    this.#onBatch({ size: messages.length, failed: failedIds.size, batchError });
  }

  #failuresFrom(response: unknown, records: SQSRecord[]): Set<string> {
    if (!this.#mapping.reportBatchItemFailures || response === undefined || response === null)
      return new Set();
    const known = new Set(records.map((record) => record.messageId));
    // Lambda fails the whole batch when the response is not a batch response it can read.
    if (typeof response !== 'object' || Array.isArray(response)) return known;
    const { batchItemFailures } = response as Partial<SQSBatchResponse>;
    if (batchItemFailures === undefined || batchItemFailures === null) return new Set();
    if (!Array.isArray(batchItemFailures)) return known;
    const failed = new Set<string>();
    for (const failure of batchItemFailures) {
      // Lambda treats an empty or unknown identifier as a failure of the whole batch.
      if (!failure?.itemIdentifier || !known.has(failure.itemIdentifier)) return known;
      failed.add(failure.itemIdentifier);
    }
    return failed;
  }
}

function toRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: value.DataType ?? 'String',
      stringValue: value.StringValue,
      binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
