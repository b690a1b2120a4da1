import { randomUUID } from 'node:crypto';
import { parseRedrivePolicy } from '../queueAttributes.js';
import type { SqsAction } from '../sqsAction.js';
import { sqsErrors } from '../sqsErrors.js';
import type { MessageMoveTask, SqsStore } from '../sqsStore.js';

const sourceMissing = () =>
  sqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");

function encodeTaskHandle(taskId: string, sourceArn: string): string {
  return Buffer.from(JSON.stringify({ taskId, sourceArn }), 'utf8').toString('base64');
}

function decodeTaskHandle(handle: string): { taskId: string; sourceArn: string } | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof decoded.taskId === 'string' && typeof decoded.sourceArn === 'string') {
      return { taskId: decoded.taskId, sourceArn: decoded.sourceArn };
    }
  } catch {
    // Falls through: not a handle this service issued.
  }
  return undefined;
}

/**
 * Moves messages for every running task. Without MaxNumberOfMessagesPerSecond a task moves all
 * available messages at once and completes; with a rate it moves as many as the clock allows,
 * so tests can watch a task run (and cancel it) by moving a ManualClock.
 */
export function advanceMessageMoveTasks(store: SqsStore): void {
  const now = store.now();
  for (const task of store.moveTasks.values()) {
    if (task.status !== 'RUNNING') continue;
    const source = store.queueByArn(task.sourceArn);
    if (source === undefined) {
      task.status = 'FAILED';
      task.failureReason = 'AWS.SimpleQueueService.NonExistentQueue';
      continue;
    }
    const rate = task.maxNumberOfMessagesPerSecond;
    const allowed =
      rate === undefined ? Number.POSITIVE_INFINITY : Math.floor(((now - task.startedAt) / 1000) * rate);
    while (task.approximateNumberOfMessagesMoved < allowed) {
      const message = source.messages.find((candidate) => candidate.visibleAt <= now);
      if (message === undefined) break;
      const destinationArn = task.destinationArn ?? message.systemAttributes.DeadLetterQueueSourceArn;
      const destination = destinationArn === undefined ? undefined : store.queueByArn(destinationArn);
      if (destination === undefined) {
        task.status = 'FAILED';
        task.failureReason = 'AWS.SimpleQueueService.NonExistentQueue';
        break;
      }
      store.transfer(source, message, destination, { resetReceiveCount: true });
      task.approximateNumberOfMessagesMoved += 1;
    }
    if (task.status === 'RUNNING' && !source.messages.some((candidate) => candidate.visibleAt <= now)) {
      task.status = 'COMPLETED';
    }
  }
}

export const startMessageMoveTask: SqsAction = (store, input) => {
  const sourceArn = input.SourceArn as string;
  const destinationArn = input.DestinationArn as string | undefined;
  const source = store.queueByArn(sourceArn);
  if (source === undefined) throw sourceMissing();
  const isDeadLetterQueue = store
    .allQueues()
    .some((queue) => parseRedrivePolicy(queue.attributes.RedrivePolicy)?.deadLetterTargetArn === sourceArn);
  if (!isDeadLetterQueue) {
    throw sqsErrors.invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
  }
  if (destinationArn !== undefined && store.queueByArn(destinationArn) === undefined) {
    throw sqsErrors.resourceNotFound(
      "The resource that you specified for the DestinationArn parameter doesn't exist.",
    );
  }
  const running = [...store.moveTasks.values()].some(
    (task) => task.sourceArn === sourceArn && task.status === 'RUNNING',
  );
  if (running) {
    throw sqsErrors.invalidParameterValue(
      'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    );
  }
  const taskId = randomUUID();
  const task: MessageMoveTask = {
    taskId,
    taskHandle: encodeTaskHandle(taskId, sourceArn),
    sourceArn,
    destinationArn,
    maxNumberOfMessagesPerSecond: input.MaxNumberOfMessagesPerSecond as number | undefined,
    startedAt: store.now(),
    approximateNumberOfMessagesToMove: store.counts(source).visible,
    approximateNumberOfMessagesMoved: 0,
    status: 'RUNNING',
    failureReason: undefined,
  };
  store.moveTasks.set(taskId, task);
  advanceMessageMoveTasks(store);
  return { TaskHandle: task.taskHandle };
};

export const listMessageMoveTasks: SqsAction = (store, input) => {
  const sourceArn = input.SourceArn as string;
  if (store.queueByArn(sourceArn) === undefined) throw sourceMissing();
  const max = (input.MaxResults as number | undefined) ?? 1;
  const tasks = [...store.moveTasks.values()].filter((task) => task.sourceArn === sourceArn).reverse();
  return {
    Results: tasks.slice(0, max).map((task) => ({
      TaskHandle: task.status === 'RUNNING' ? task.taskHandle : undefined,
      Status: task.status,
      SourceArn: task.sourceArn,
      DestinationArn: task.destinationArn,
      MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond,
      ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved,
      ApproximateNumberOfMessagesToMove: task.approximateNumberOfMessagesToMove,
      FailureReason: task.failureReason,
      StartedTimestamp: task.startedAt,
    })),
  };
};

export const cancelMessageMoveTask: SqsAction = (store, input) => {
  const handle = decodeTaskHandle(input.TaskHandle as string);
  if (handle === undefined)
    throw sqsErrors.invalidParameterValue('Value for parameter TaskHandle is invalid.');
  if (store.queueByArn(handle.sourceArn) === undefined) throw sourceMissing();
  const task = store.moveTasks.get(handle.taskId);
  if (task === undefined) throw sqsErrors.resourceNotFound('Task does not exist.');
  if (task.status !== 'RUNNING') {
    // AWS documents that only RUNNING tasks can be cancelled; the exact error text is not published.
    throw sqsErrors.unsupportedOperation(
      `Only a task in RUNNING status can be cancelled; this one is ${task.status}.`,
    );
  }
  task.status = 'CANCELLED';
  return { ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved };
};
