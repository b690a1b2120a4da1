import { namespaceKey } from './chaosLayout.js';

/** The event id, namespace name, account and region an EventBridge event (an SQS body) is about. */
export interface EventSubject {
  readonly eventId?: string;
  readonly namespaceName?: string;
  /** The namespace's account: the request's `detail.account`, else the envelope's. */
  readonly account?: string;
  /** The namespace's region: the request's `detail.region`, else the envelope's. */
  readonly region?: string;
}

/**
 * Reads a CloudTrail event (`detail.requestParameters.namespaceName`, or
 * `detail.responseElements.snapshotCopyConfiguration.namespaceName` for a configuration's deletion)
 * or a Snapshot Copy Requested event (`detail.namespaceName`) just far enough to tell which
 * planned namespace it is about. Lenient on purpose: the worker's parser is the one under test.
 */
export function eventSubject(body: string): EventSubject {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof event !== 'object' || event === null) return {};
  const { id, detail, account, region } = event as Record<string, unknown>;
  const fields = (typeof detail === 'object' && detail !== null ? detail : {}) as {
    namespaceName?: unknown;
    account?: unknown;
    region?: unknown;
    requestParameters?: { namespaceName?: unknown };
    responseElements?: { snapshotCopyConfiguration?: { namespaceName?: unknown } };
  };
  const name =
    fields.requestParameters?.namespaceName ??
    fields.responseElements?.snapshotCopyConfiguration?.namespaceName ??
    fields.namespaceName;
  const text = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string');
  return {
    eventId: text(id),
    namespaceName: text(name),
    account: text(fields.account, account),
    region: text(fields.region, region),
  };
}

/** The `account/region/name` key of what an event is about, when it names all three. */
export function subjectKey(subject: EventSubject): string | undefined {
  const { account, region, namespaceName } = subject;
  if (account === undefined || region === undefined || namespaceName === undefined) return undefined;
  return namespaceKey(account, region, namespaceName);
}
