import { randomUUID } from 'node:crypto';
import { partitionOfRegion } from '../../accounts/partition.js';
import type { Clock } from '../../store/clock.js';
import type { MessageAttributeValue } from './messageMd5.js';
import { md5OfBody, md5OfMessageAttributes } from './messageMd5.js';
import { parseRedrivePolicy } from './queueAttributes.js';
import { decodeReceiptHandle, encodeReceiptHandle } from './receiptHandle.js';
import { sqsErrors } from './sqsErrors.js';

/** A message as the queue holds it. Times are clock milliseconds. */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttributeValue>>;
  readonly md5OfMessageAttributes: string | undefined;
  /** SenderId, SentTimestamp, AWSTraceHeader, DeadLetterQueueSourceArn: what AWS keeps per message. */
  readonly systemAttributes: Record<string, string>;
  readonly sentAt: number;
  visibleAt: number;
  /** Why the message is hidden until `visibleAt`: a send delay or a receive's visibility timeout. */
  hiddenBy: 'delay' | 'receive' | undefined;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  lastReceivedAt: number | undefined;
  /** Every handle issued for the message since it entered this queue; any of them deletes it. */
  readonly receiptHandles: Set<string>;
}

export interface StoredQueue {
  readonly name: string;
  readonly region: string;
  readonly account: string;
  readonly arn: string;
  readonly createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  messages: StoredMessage[];
}

export interface MessageMoveTask {
  readonly taskId: string;
  readonly taskHandle: string;
  readonly sourceArn: string;
  readonly destinationArn: string | undefined;
  readonly maxNumberOfMessagesPerSecond: number | undefined;
  readonly startedAt: number;
  readonly approximateNumberOfMessagesToMove: number;
  approximateNumberOfMessagesMoved: number;
  status: 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
  failureReason: string | undefined;
}

export interface NewMessage {
  readonly body: string;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly systemAttributes?: Readonly<Record<string, string>>;
  readonly delaySeconds: number;
}

export interface ReceivedMessage {
  readonly message: StoredMessage;
  readonly receiptHandle: string;
}

interface Waiter {
  readonly queue: StoredQueue;
  readonly wake: () => void;
}

/**
 * The whole state of the local SQS: queues by account, region and name, move tasks, long-poll
 * waiters. A queue's account is the account of the caller that created it.
 */
export class SqsStore {
  public readonly clock: Clock;
  /** The default account (the SenderId of messages EventBridge and redrives put on queues). */
  public readonly account: string;
  public readonly moveTasks = new Map<string, MessageMoveTask>();
  /** Queues by `<account>/<region>`, then by name. */
  readonly #queues = new Map<string, Map<string, StoredQueue>>();
  readonly #waiters = new Set<Waiter>();
  #handleSequence = 0;
  #longPollEpoch = 0;
  #longPollsWaiting = 0;

  public constructor(clock: Clock, account: string) {
    this.clock = clock;
    this.account = account;
  }

  public now(): number {
    return this.clock.now();
  }

  public queue(account: string, region: string, name: string): StoredQueue | undefined {
    return this.#queues.get(placeKey(account, region))?.get(name);
  }

  public requireQueue(
    account: string,
    region: string,
    name: string,
    protocol: 'json' | 'query',
  ): StoredQueue {
    const queue = this.queue(account, region, name);
    if (queue === undefined) throw sqsErrors.queueDoesNotExist(protocol);
    return queue;
  }

  /** The queue an ARN names, in whichever account and region the ARN says. */
  public queueByArn(arn: string): StoredQueue | undefined {
    const parts = arn.split(':');
    if (parts.length !== 6 || parts[2] !== 'sqs') return undefined;
    return this.queue(parts[4] ?? '', parts[3] ?? '', parts[5] ?? '');
  }

  /** One account's queues in one region, by name. */
  public queuesIn(account: string, region: string): StoredQueue[] {
    return [...(this.#queues.get(placeKey(account, region))?.values() ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  public allQueues(): StoredQueue[] {
    return [...this.#queues.values()].flatMap((byName) => [...byName.values()]);
  }

  public createQueue(
    account: string,
    region: string,
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
  ): StoredQueue {
    const now = this.now();
    const queue: StoredQueue = {
      name,
      region,
      account,
      arn: `arn:${partitionOfRegion(region)}:sqs:${region}:${account}:${name}`,
      createdAt: now,
      lastModifiedAt: now,
      attributes,
      tags,
      messages: [],
    };
    let byName = this.#queues.get(placeKey(account, region));
    if (byName === undefined) {
      byName = new Map();
      this.#queues.set(placeKey(account, region), byName);
    }
    byName.set(name, queue);
    return queue;
  }

  public deleteQueue(queue: StoredQueue): void {
    this.#queues.get(placeKey(queue.account, queue.region))?.delete(queue.name);
    this.#wake(queue);
  }

  public enqueue(queue: StoredQueue, input: NewMessage): StoredMessage {
    const now = this.now();
    const messageAttributes = input.messageAttributes ?? {};
    const message: StoredMessage = {
      messageId: randomUUID(),
      body: input.body,
      md5OfBody: md5OfBody(input.body),
      messageAttributes,
      md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
      systemAttributes: { SenderId: this.account, SentTimestamp: String(now), ...input.systemAttributes },
      sentAt: now,
      visibleAt: now + input.delaySeconds * 1000,
      hiddenBy: input.delaySeconds > 0 ? 'delay' : undefined,
      receiveCount: 0,
      firstReceivedAt: undefined,
      lastReceivedAt: undefined,
      receiptHandles: new Set(),
    };
    queue.messages.push(message);
    this.#wake(queue);
    return message;
  }

  /**
   * Takes up to `max` visible messages and hides them for `visibilityTimeout` seconds. A message
   * whose receive count already reached the redrive policy's maxReceiveCount goes to the
   * dead-letter queue instead of being returned, as SQS does at receive time.
   */
  public receive(queue: StoredQueue, max: number, visibilityTimeout: number): ReceivedMessage[] {
    const now = this.now();
    const redrive = parseRedrivePolicy(queue.attributes.RedrivePolicy);
    const deadLetterQueue = redrive === undefined ? undefined : this.queueByArn(redrive.deadLetterTargetArn);
    const received: ReceivedMessage[] = [];
    for (const message of [...queue.messages]) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      if (
        redrive !== undefined &&
        deadLetterQueue !== undefined &&
        message.receiveCount >= redrive.maxReceiveCount
      ) {
        this.transfer(queue, message, deadLetterQueue, { deadLetterSourceArn: queue.arn });
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.lastReceivedAt = now;
      message.visibleAt = now + visibilityTimeout * 1000;
      message.hiddenBy = 'receive';
      this.#handleSequence += 1;
      const receiptHandle = encodeReceiptHandle(
        { queueArn: queue.arn, messageId: message.messageId },
        this.#handleSequence,
      );
      message.receiptHandles.add(receiptHandle);
      received.push({ message, receiptHandle });
    }
    return received;
  }

  /**
   * Moves a message between queues (redrive to a DLQ, or a move task back out of it). The message
   * keeps its id, body, attributes and sent time; it gets fresh receipt handles.
   */
  public transfer(
    from: StoredQueue,
    message: StoredMessage,
    to: StoredQueue,
    options: { deadLetterSourceArn?: string; resetReceiveCount?: boolean },
  ): void {
    from.messages = from.messages.filter((candidate) => candidate !== message);
    const systemAttributes = { ...message.systemAttributes };
    if (options.deadLetterSourceArn === undefined) delete systemAttributes.DeadLetterQueueSourceArn;
    else systemAttributes.DeadLetterQueueSourceArn = options.deadLetterSourceArn;
    const moved: StoredMessage = {
      ...message,
      systemAttributes,
      visibleAt: this.now(),
      hiddenBy: undefined,
      receiveCount: options.resetReceiveCount === true ? 0 : message.receiveCount,
      firstReceivedAt: options.resetReceiveCount === true ? undefined : message.firstReceivedAt,
      receiptHandles: new Set(),
    };
    to.messages.push(moved);
    this.#wake(to);
  }

  /**
   * The message a receipt handle points at; undefined when that message is gone (deleted,
   * purged, moved). Throws ReceiptHandleIsInvalid for strings this queue never issued.
   */
  public messageForHandle(queue: StoredQueue, receiptHandle: string): StoredMessage | undefined {
    const content = decodeReceiptHandle(receiptHandle);
    if (content === undefined || content.queueArn !== queue.arn) {
      throw sqsErrors.receiptHandleIsInvalid(receiptHandle);
    }
    return queue.messages.find((message) => message.receiptHandles.has(receiptHandle));
  }

  /** DeleteMessage: deleting a message that is already gone succeeds, as in AWS. */
  public deleteMessage(queue: StoredQueue, receiptHandle: string): void {
    const message = this.messageForHandle(queue, receiptHandle);
    if (message === undefined) return;
    queue.messages = queue.messages.filter((candidate) => candidate !== message);
  }

  public changeVisibility(queue: StoredQueue, receiptHandle: string, visibilityTimeout: number): void {
    const message = this.messageForHandle(queue, receiptHandle);
    if (message === undefined) throw sqsErrors.messageNotAvailableForVisibilityChange(receiptHandle);
    const now = this.now();
    if (message.hiddenBy !== 'receive' || message.visibleAt <= now) throw sqsErrors.messageNotInflight();
    const received = message.lastReceivedAt ?? now;
    if (now - received + visibilityTimeout * 1000 > 43_200_000) {
      throw sqsErrors.invalidParameterValue(
        `Value ${visibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]`,
      );
    }
    message.visibleAt = now + visibilityTimeout * 1000;
    if (visibilityTimeout === 0) this.#wake(queue);
  }

  public purge(queue: StoredQueue): void {
    queue.messages = [];
  }

  /** ApproximateNumberOfMessages / …NotVisible / …Delayed, exact here. */
  public counts(queue: StoredQueue): { visible: number; notVisible: number; delayed: number } {
    const now = this.now();
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const message of queue.messages) {
      if (message.visibleAt <= now) visible += 1;
      else if (message.hiddenBy === 'delay') delayed += 1;
      else notVisible += 1;
    }
    return { visible, notVisible, delayed };
  }

  /** Drops messages older than each queue's MessageRetentionPeriod (counted from the first send). */
  public expireMessages(): void {
    const now = this.now();
    for (const queue of this.allQueues()) {
      const retentionMs = Number(queue.attributes.MessageRetentionPeriod) * 1000;
      if (queue.messages.some((message) => message.sentAt + retentionMs <= now)) {
        queue.messages = queue.messages.filter((message) => message.sentAt + retentionMs > now);
      }
    }
  }

  /**
   * Resolves when a message may have become available on the queue, or after `pollMs` (so a
   * message whose visibility timeout ran out, which nobody announces, is noticed too).
   */
  public waitForChange(queue: StoredQueue, pollMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        queue,
        wake: () => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, pollMs);
      this.#waiters.add(waiter);
    });
  }

  /** Counts `poll` among the long polls waiting while it runs (see `longPollsWaiting`). */
  public async whileLongPolling<T>(poll: () => Promise<T>): Promise<T> {
    this.#longPollsWaiting += 1;
    try {
      return await poll();
    } finally {
      this.#longPollsWaiting -= 1;
    }
  }

  /** ReceiveMessage calls waiting for a message right now, in every queue. */
  public get longPollsWaiting(): number {
    return this.#longPollsWaiting;
  }

  /** Changes when `endLongPolls` runs: a long poll that sees it change answers at once. */
  public get longPollEpoch(): number {
    return this.#longPollEpoch;
  }

  /** Ends every long poll in progress (the server is closing; their callers are gone). */
  public endLongPolls(): void {
    this.#longPollEpoch += 1;
    for (const waiter of [...this.#waiters]) waiter.wake();
  }

  public reset(): void {
    this.#queues.clear();
    this.moveTasks.clear();
    for (const waiter of [...this.#waiters]) waiter.wake();
  }

  #wake(queue: StoredQueue): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.queue === queue) waiter.wake();
    }
  }
}

function placeKey(account: string, region: string): string {
  return `${account}/${region}`;
}
