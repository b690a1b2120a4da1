import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach } from 'vitest';
import { type SqsOnly, startSqsOnly } from './startSqsOnly.js';

/** The SQS-only server of a test file, and a queue made in it (`createQueue`). */
export interface UsedSqsOnly extends SqsOnly {
  /** Creates a queue through the SDK; its URL. */
  createQueue(name: string, attributes?: Record<string, string>): Promise<string>;
}

/**
 * A fresh SQS-only server for each test of the file (started before it, closed after it). Call
 * it at the top of the file; the handle reaches the running server, so use it inside hooks and
 * tests only.
 */
export function useSqsOnly(): UsedSqsOnly {
  let started: SqsOnly | undefined;
  const current = (): SqsOnly => {
    if (started === undefined) throw new Error('useSqsOnly: the server starts in beforeEach');
    return started;
  };
  beforeEach(async () => {
    started = await startSqsOnly();
  });
  afterEach(async () => {
    await started?.close();
    started = undefined;
  });
  return {
    get endpoint() {
      return current().endpoint;
    },
    get service() {
      return current().service;
    },
    get clock() {
      return current().clock;
    },
    get client() {
      return current().client;
    },
    query: (params, path) => current().query(params, path),
    close: () => current().close(),
    async createQueue(name, attributes) {
      const { QueueUrl } = await current().client.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      return QueueUrl ?? '';
    },
  };
}
