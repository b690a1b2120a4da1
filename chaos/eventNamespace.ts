/** The event id and namespace name an EventBridge event (an SQS body) is about, when it names one. */
export interface EventSubject {
  readonly eventId?: string;
  readonly namespaceName?: string;
}

/**
 * Reads a CloudTrail CreateNamespace event (`detail.requestParameters.namespaceName`) or a
 * Snapshot Copy Requested event (`detail.namespaceName`) just far enough to tell which planned
 * namespace it is about. Lenient on purpose: the worker's parser is the one under test.
 */
export function eventSubject(body: string): EventSubject {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof event !== 'object' || event === null) return {};
  const { id, detail } = event as { id?: unknown; detail?: unknown };
  const eventId = typeof id === 'string' ? id : undefined;
  const fields = (typeof detail === 'object' && detail !== null ? detail : {}) as {
    namespaceName?: unknown;
    requestParameters?: { namespaceName?: unknown };
  };
  const name = fields.requestParameters?.namespaceName ?? fields.namespaceName;
  return {
    ...(eventId === undefined ? {} : { eventId }),
    ...(typeof name === 'string' ? { namespaceName: name } : {}),
  };
}
