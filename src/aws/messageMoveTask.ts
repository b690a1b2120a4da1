import {
  ListMessageMoveTasksCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';

/** A message move task as ListMessageMoveTasks reports it. */
export interface MessageMoveTaskStatus {
  /** RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED. */
  readonly status: string;
  readonly moved: number;
  readonly toMove?: number;
  readonly failureReason?: string;
  readonly destinationArn?: string;
}

/**
 * Starts moving every message of a dead-letter queue. Without `destinationArn` SQS sends each
 * message back to the queue it was dead-lettered from, which only works for messages SQS
 * itself moved there after maxReceiveCount.
 */
export async function startMessageMoveTask(
  sqs: SQSClient,
  move: { readonly sourceArn: string; readonly destinationArn?: string },
): Promise<string> {
  const { TaskHandle } = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: move.sourceArn,
      DestinationArn: move.destinationArn,
    }),
  );
  return TaskHandle ?? '';
}

/** The most recent move task of a source queue (SQS lists newest first and runs one at a time). */
export async function latestMessageMoveTask(
  sqs: SQSClient,
  sourceArn: string,
): Promise<MessageMoveTaskStatus | undefined> {
  const { Results = [] } = await sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }),
  );
  const [task] = Results;
  if (task?.Status === undefined) return undefined;
  return {
    status: task.Status,
    moved: task.ApproximateNumberOfMessagesMoved ?? 0,
    toMove: task.ApproximateNumberOfMessagesToMove,
    failureReason: task.FailureReason,
    destinationArn: task.DestinationArn,
  };
}

export interface WaitOptions {
  readonly pollIntervalMs: number;
  /** Resolves when the caller stops waiting (Ctrl-C); the task itself keeps running in SQS. */
  readonly stop: Promise<void>;
  readonly onProgress?: (task: MessageMoveTaskStatus) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const RUNNING_STATES: ReadonlySet<string> = new Set(['RUNNING', 'CANCELLING']);

/**
 * Polls the latest move task of `sourceArn` until it leaves RUNNING. Returns its last status,
 * or `undefined` when `stop` resolved first.
 */
export async function waitForMessageMoveTask(
  sqs: SQSClient,
  sourceArn: string,
  options: WaitOptions,
): Promise<MessageMoveTaskStatus | undefined> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let stopped = false;
  void options.stop.then(() => {
    stopped = true;
  });
  while (!stopped) {
    const task = await latestMessageMoveTask(sqs, sourceArn);
    if (task !== undefined && !RUNNING_STATES.has(task.status)) return task;
    if (task !== undefined) options.onProgress?.(task);
    await Promise.race([sleep(options.pollIntervalMs), options.stop]);
  }
  return undefined;
}
