import { queryError } from '../../protocol/queryProtocol.js';
import { AwsServiceError } from '../../protocol/serviceError.js';
import type { JsonService, RequestContext } from '../../protocol/types.js';
import type { QueryResponse } from '../../server/edgeTypes.js';
import type { ResettableService, ServiceOptions } from '../contracts.js';
import { advanceMessageMoveTasks } from './actions/moveTaskActions.js';
import { sqsActions } from './actions/sqsActions.js';
import { parseQueryInput } from './queryRequest.js';
import { serializeQueryResponse } from './queryResponse.js';
import type { SqsActionContext } from './sqsAction.js';
import { sqsErrors } from './sqsErrors.js';
import { isSqsOperation } from './sqsOperations.js';
import { SqsStore } from './sqsStore.js';
import { validateSqsInput } from './validations.js';

/** Where queue URLs point when the edge server did not say which host the request came to. */
export const DEFAULT_SQS_BASE_URL = 'http://localhost:4566';

/** A message as `peek` shows it: what a test or a report wants to see, without receiving it. */
export interface PeekedMessage {
  readonly body: string;
  readonly receiveCount: number;
  /** System attributes (SentTimestamp, ApproximateReceiveCount, DeadLetterQueueSourceArn, …) and `MessageId`. */
  readonly attributes: Record<string, string>;
}

/** The local SQS: both wire protocols over one store, plus the in-process doors other services use. */
export interface SqsService extends JsonService, ResettableService {
  /** The SigV4 signing name of its requests, by which the edge routes query-protocol calls. */
  readonly signingName: 'sqs';
  /** JSON protocol (`X-Amz-Target: AmazonSQS.<Operation>`); returns the response body or throws AwsServiceError. */
  handle(
    operation: string,
    input: Record<string, unknown>,
    ctx: RequestContext & { baseUrl?: string },
  ): Promise<unknown>;
  /**
   * Query protocol (form-encoded `Action=…`, API 2012-11-05, XML out). Errors come back as
   * `<ErrorResponse>` bodies, never thrown. `path` is the request path: old clients POST to the
   * queue URL and leave QueueUrl out of the form.
   */
  handleQuery(
    params: URLSearchParams,
    ctx: RequestContext & { baseUrl: string; path?: string },
  ): Promise<QueryResponse>;
  /**
   * EventBridge → SQS target delivery, to the queue the ARN names in whichever account (a rule
   * may target another account's queue). Throws AwsServiceError (QueueDoesNotExist) when missing.
   */
  deliverToQueueArn(queueArn: string, body: string): void;
  /** Answers every long-polling ReceiveMessage in progress at once, with no messages (the server is closing). */
  endLongPolls(): void;
  /** ReceiveMessage calls waiting in a long poll right now: what a test waits on before it acts. */
  longPollsWaiting(): number;
  /**
   * Every message in the named queue (any region; of `account` when given, else of any account),
   * visible or not, without changing anything.
   */
  peek(queueName: string, account?: string): readonly PeekedMessage[];
}

/**
 * Creates the local SQS service. Time comes from `options.clock`, so visibility timeouts, delays,
 * retention and move-task rates follow a ManualClock in tests; long polls wait in real time.
 */
export function createSqsService(options: ServiceOptions): SqsService {
  const store = new SqsStore(options.clock, options.account);
  return {
    targetPrefix: 'AmazonSQS',
    signingName: 'sqs',
    contentType: 'application/x-amz-json-1.0',

    handle(operation, input, ctx) {
      return runAction(store, operation, input, {
        region: ctx.region,
        account: ctx.account,
        baseUrl: ctx.baseUrl ?? DEFAULT_SQS_BASE_URL,
        protocol: 'json',
      });
    },

    handleQuery: (params, ctx) => answerQuery(store, params, ctx),

    deliverToQueueArn(queueArn, body) {
      const queue = store.queueByArn(queueArn);
      if (queue === undefined) throw sqsErrors.queueDoesNotExist();
      store.enqueue(queue, { body, delaySeconds: Number(queue.attributes.DelaySeconds) });
    },

    peek: (queueName, account) => peekMessages(store, queueName, account),

    endLongPolls() {
      store.endLongPolls();
    },

    longPollsWaiting: () => store.longPollsWaiting,

    reset() {
      store.reset();
    },
  };
}

/** One call, in either protocol: checked against the model, after time has moved the queues on. */
async function runAction(
  store: SqsStore,
  operation: string,
  input: Record<string, unknown>,
  ctx: SqsActionContext,
): Promise<Record<string, unknown>> {
  if (!isSqsOperation(operation)) throw sqsErrors.invalidAction(operation);
  validateSqsInput(operation, input, ctx.protocol);
  store.expireMessages();
  advanceMessageMoveTasks(store);
  return sqsActions[operation](store, input, ctx);
}

/** A query-protocol call: the form read as the action's input, the answer or error as SQS's XML. */
async function answerQuery(
  store: SqsStore,
  params: URLSearchParams,
  ctx: RequestContext & { baseUrl: string; path?: string },
): Promise<QueryResponse> {
  const action = params.get('Action');
  try {
    if (action === null || action === '') throw sqsErrors.missingParameter('Action');
    if (!isSqsOperation(action)) throw sqsErrors.invalidAction(action);
    const input = parseQueryInput(action, params);
    if (input.QueueUrl === undefined && ctx.path !== undefined && /^\/[^/]+\/[^/]+\/?$/.test(ctx.path)) {
      input.QueueUrl = ctx.path;
    }
    const context = {
      region: ctx.region,
      account: ctx.account,
      baseUrl: ctx.baseUrl,
      protocol: 'query',
    } as const;
    const output = await runAction(store, action, input, context);
    return {
      statusCode: 200,
      contentType: 'text/xml',
      body: serializeQueryResponse(action, output, ctx.requestId),
    };
  } catch (error) {
    const serviceError =
      error instanceof AwsServiceError
        ? error
        : new AwsServiceError('InternalError', 'We encountered an internal error. Please try again.', {
            statusCode: 500,
            queryCode: 'InternalError',
          });
    const response = queryError(serviceError, ctx.requestId);
    return { statusCode: response.statusCode, contentType: 'text/xml', body: response.body };
  }
}

function peekMessages(store: SqsStore, queueName: string, account: string | undefined): PeekedMessage[] {
  const queue = store
    .allQueues()
    .find(
      (candidate) => candidate.name === queueName && (account === undefined || candidate.account === account),
    );
  if (queue === undefined) throw sqsErrors.queueDoesNotExist();
  return queue.messages.map((message) => ({
    body: message.body,
    receiveCount: message.receiveCount,
    attributes: {
      MessageId: message.messageId,
      ...message.systemAttributes,
      ApproximateReceiveCount: String(message.receiveCount),
      // A map, not a shape: a key with no value would still be listed (and read as "undefined").
      ...(message.firstReceivedAt === undefined
        ? {}
        : { ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt) }),
    },
  }));
}
