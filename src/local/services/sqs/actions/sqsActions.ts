import type { SqsAction } from '../sqsAction.js';
import type { SqsOperation } from '../sqsOperations.js';
import { changeMessageVisibilityBatch, deleteMessageBatch, sendMessageBatch } from './batchActions.js';
import { changeMessageVisibility, deleteMessage, receiveMessage, sendMessage } from './messageActions.js';
import { cancelMessageMoveTask, listMessageMoveTasks, startMessageMoveTask } from './moveTaskActions.js';
import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listDeadLetterSourceQueues,
  listQueues,
  listQueueTags,
  purgeQueue,
  setQueueAttributes,
  tagQueue,
  untagQueue,
} from './queueActions.js';

/** Every operation the local SQS serves, by its API name. */
export const sqsActions: Readonly<Record<SqsOperation, SqsAction>> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  DeleteQueue: deleteQueue,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  PurgeQueue: purgeQueue,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
  CancelMessageMoveTask: cancelMessageMoveTask,
  ListQueueTags: listQueueTags,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
};
