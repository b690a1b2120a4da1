import type { SqsActionContext } from './sqsAction.js';
import type { SqsStore, StoredQueue } from './sqsStore.js';

/** `http://<host the request came to>/<account>/<name>`, the path-style URL LocalStack and ElasticMQ use too. */
export function queueUrl(queue: StoredQueue, baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${queue.account}/${queue.name}`;
}

/**
 * Finds the queue a QueueUrl names. Only the path counts (`/<account>/<name>`), so URLs minted
 * for another host or port (a client behind a proxy, a URL saved before a restart) still work.
 * The URL's account wins over the caller's: a queue of another account is reachable by its URL
 * (on AWS only when its queue policy allows; the local cloud checks no policies). A bare name
 * means a queue of the caller's own account. The region is always the caller's, as on AWS.
 */
export function resolveQueueUrl(store: SqsStore, url: string, ctx: SqsActionContext): StoredQueue {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL: take it as a path (or a bare name, which some SDK helpers send).
  }
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const name = segments.at(-1);
  const account = segments.length >= 2 ? (segments.at(-2) ?? '') : ctx.account;
  return store.requireQueue(account, ctx.region, decodeURIComponent(name ?? ''), ctx.protocol);
}
