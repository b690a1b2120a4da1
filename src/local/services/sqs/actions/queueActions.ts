import {
  defaultQueueAttributes,
  KNOWN_QUEUE_ATTRIBUTE_NAMES,
  normaliseQueueAttributes,
  parseRedrivePolicy,
  READ_ONLY_QUEUE_ATTRIBUTES,
  SETTABLE_QUEUE_ATTRIBUTES,
} from '../queueAttributes.js';
import { queueUrl, resolveQueueUrl } from '../queueUrl.js';
import type { SqsAction } from '../sqsAction.js';
import { sqsErrors } from '../sqsErrors.js';
import type { SqsStore, StoredQueue } from '../sqsStore.js';

// Up to 80 alphanumerics, '-' and '_' (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html, QueueName); the model says String.
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

const str = (value: unknown): string => value as string;
const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );

const epochSeconds = (ms: number): string => String(Math.floor(ms / 1000));

function withoutRemovals(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== ''));
}

export const createQueue: SqsAction = (store, input, ctx) => {
  const name = str(input.QueueName);
  if (name.endsWith('.fifo')) {
    throw sqsErrors.unsupportedOperation(
      'The local cloud runs standard queues only; FIFO queues are not supported.',
    );
  }
  if (!QUEUE_NAME.test(name)) {
    throw sqsErrors.invalidParameterValue(
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  const given = normaliseQueueAttributes((input.Attributes ?? {}) as Record<string, unknown>, (arn) =>
    Boolean(store.queueByArn(arn)),
  );
  const existing = store.queue(ctx.account, ctx.region, name);
  if (existing !== undefined) {
    for (const [attribute, value] of Object.entries(given)) {
      if ((existing.attributes[attribute] ?? '') !== value) throw sqsErrors.queueNameExists(attribute);
    }
    return { QueueUrl: queueUrl(existing, ctx.baseUrl) };
  }
  const attributes = { ...defaultQueueAttributes(), ...withoutRemovals(given) };
  if (attributes.KmsMasterKeyId !== undefined) {
    attributes.KmsDataKeyReusePeriodSeconds ??= '300';
    if (given.SqsManagedSseEnabled === undefined) attributes.SqsManagedSseEnabled = 'false';
  }
  const queue = store.createQueue(ctx.account, ctx.region, name, attributes, stringMap(input.tags));
  return { QueueUrl: queueUrl(queue, ctx.baseUrl) };
};

/** A queue of another account is found when its owner is named (no queue policy is checked). */
export const getQueueUrl: SqsAction = (store, input, ctx) => {
  const owner = (input.QueueOwnerAWSAccountId as string | undefined) ?? ctx.account;
  const queue = store.requireQueue(owner, ctx.region, str(input.QueueName), ctx.protocol);
  return { QueueUrl: queueUrl(queue, ctx.baseUrl) };
};

/** Pages through URLs the way SQS does: a NextToken only when the caller asked for MaxResults. */
function page(
  urls: readonly string[],
  maxResults: number | undefined,
  nextToken: unknown,
): { urls: string[]; nextToken?: string } {
  const start = typeof nextToken === 'string' ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw sqsErrors.invalidParameterValue('Invalid NextToken value.');
  const size = maxResults ?? 1000;
  const slice = urls.slice(start, start + size);
  const more = maxResults !== undefined && start + size < urls.length;
  return more
    ? { urls: slice, nextToken: Buffer.from(String(start + size), 'utf8').toString('base64') }
    : { urls: slice };
}

export const listQueues: SqsAction = (store, input, ctx) => {
  const prefix = (input.QueueNamePrefix as string | undefined) ?? '';
  const urls = store
    .queuesIn(ctx.account, ctx.region)
    .filter((queue) => queue.name.startsWith(prefix))
    .map((queue) => queueUrl(queue, ctx.baseUrl));
  if (urls.length === 0) return {};
  const result = page(urls, input.MaxResults as number | undefined, input.NextToken);
  return result.nextToken === undefined
    ? { QueueUrls: result.urls }
    : { QueueUrls: result.urls, NextToken: result.nextToken };
};

export const deleteQueue: SqsAction = (store, input, ctx) => {
  store.deleteQueue(resolveQueueUrl(store, str(input.QueueUrl), ctx));
  return {};
};

function attributeValue(store: SqsStore, queue: StoredQueue, name: string): string | undefined {
  switch (name) {
    case 'QueueArn':
      return queue.arn;
    case 'ApproximateNumberOfMessages':
      return String(store.counts(queue).visible);
    case 'ApproximateNumberOfMessagesNotVisible':
      return String(store.counts(queue).notVisible);
    case 'ApproximateNumberOfMessagesDelayed':
      return String(store.counts(queue).delayed);
    case 'CreatedTimestamp':
      return epochSeconds(queue.createdAt);
    case 'LastModifiedTimestamp':
      return epochSeconds(queue.lastModifiedAt);
    default:
      return queue.attributes[name];
  }
}

export const getQueueAttributes: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  const requested = (input.AttributeNames ?? []) as readonly string[];
  for (const name of requested) {
    if (name !== 'All' && !KNOWN_QUEUE_ATTRIBUTE_NAMES.has(name)) throw sqsErrors.invalidAttributeName(name);
  }
  const names = requested.includes('All')
    ? [...READ_ONLY_QUEUE_ATTRIBUTES, ...Object.keys(SETTABLE_QUEUE_ATTRIBUTES)]
    : requested;
  const attributes: Record<string, string> = {};
  for (const name of names) {
    const value = attributeValue(store, queue, name);
    if (value !== undefined) attributes[name] = value;
  }
  return Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
};

export const setQueueAttributes: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  const given = normaliseQueueAttributes(input.Attributes as Record<string, unknown>, (arn) =>
    Boolean(store.queueByArn(arn)),
  );
  for (const [name, value] of Object.entries(given)) {
    if (value === '') delete queue.attributes[name];
    else queue.attributes[name] = value;
  }
  queue.lastModifiedAt = store.now();
  return {};
};

export const purgeQueue: SqsAction = (store, input, ctx) => {
  store.purge(resolveQueueUrl(store, str(input.QueueUrl), ctx));
  return {};
};

export const listDeadLetterSourceQueues: SqsAction = (store, input, ctx) => {
  const deadLetterQueue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  const urls = store
    .queuesIn(deadLetterQueue.account, deadLetterQueue.region)
    .filter(
      (queue) =>
        parseRedrivePolicy(queue.attributes.RedrivePolicy)?.deadLetterTargetArn === deadLetterQueue.arn,
    )
    .map((queue) => queueUrl(queue, ctx.baseUrl));
  const result = page(urls, input.MaxResults as number | undefined, input.NextToken);
  return result.nextToken === undefined
    ? { queueUrls: result.urls }
    : { queueUrls: result.urls, NextToken: result.nextToken };
};

export const listQueueTags: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  return Object.keys(queue.tags).length === 0 ? {} : { Tags: { ...queue.tags } };
};

export const tagQueue: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  queue.tags = { ...queue.tags, ...stringMap(input.Tags) };
  return {};
};

export const untagQueue: SqsAction = (store, input, ctx) => {
  const queue = resolveQueueUrl(store, str(input.QueueUrl), ctx);
  for (const key of input.TagKeys as readonly string[]) delete queue.tags[key];
  return {};
};
