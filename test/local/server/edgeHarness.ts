import dynalite from 'dynalite';
import { FaultInjector } from '../../../src/local/faults/faultInjector.js';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';
import type { JsonService, RequestContext } from '../../../src/local/protocol/types.js';
import { createControlApi } from '../../../src/local/server/controlApi.js';
import { invokeDynalite } from '../../../src/local/server/dynaliteBridge.js';
import { createEdgeHandler } from '../../../src/local/server/edgeHandler.js';
import type { QueryService } from '../../../src/local/server/edgeTypes.js';
import { TimeToLiveSettings } from '../../../src/local/server/timeToLive.js';
import { createRedshiftServerlessService } from '../../../src/local/services/redshiftServerless/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';
import { listenOnLoopback } from '../support/listenOnLoopback.js';

/** A JSON service that echoes what the edge gave it, and fails on request. */
export const createEchoService = (targetPrefix: string, contentType: string) => {
  const calls: { operation: string; input: Record<string, unknown>; ctx: RequestContext }[] = [];
  const service: JsonService = {
    targetPrefix,
    contentType,
    handle(operation, input, ctx) {
      calls.push({ operation, input, ctx });
      if (operation === 'Fail') {
        throw new AwsServiceError('QueueDoesNotExist', 'The specified queue does not exist.', {
          queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
        });
      }
      if (operation === 'Crash') throw new TypeError('a bug');
      return { operation, region: ctx.region };
    },
  };
  return { service, calls };
};

/**
 * The edge server with echo services, the real local Redshift Serverless, dynalite and a query
 * service that echoes its parameters: what the edge tests need before the local cloud wires
 * every service.
 */
export const startEdge = async () => {
  const clock = new ManualClock();
  const account = '000000000000';
  const faults = new FaultInjector({ clock });
  const echo = createEchoService('FakeService', 'application/x-amz-json-1.1');
  const sqsJson = createEchoService('AmazonSQS', 'application/x-amz-json-1.0');
  const emitted: unknown[] = [];
  const redshift = createRedshiftServerlessService({
    clock,
    account,
    events: { emit: (e) => emitted.push(e) },
  });
  const queryCalls: { params: URLSearchParams; baseUrl: string; path?: string }[] = [];
  const queryService: QueryService = {
    targetPrefix: 'AmazonSQS',
    handleQuery(params, ctx) {
      queryCalls.push({ params, baseUrl: ctx.baseUrl, path: ctx.path });
      return { statusCode: 200, contentType: 'text/xml', body: `<Echo>${params.get('Action')}</Echo>` };
    },
  };
  const dynamodb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const timeToLive = new TimeToLiveSettings(async (tableName) => {
    const reply = await invokeDynalite(dynamodb, 'DescribeTable', { TableName: tableName });
    if (reply.statusCode !== 200) {
      throw new AwsServiceError('ResourceNotFoundException', String(reply.body.message));
    }
    return (reply.body.Table as { CreationDateTime: number }).CreationDateTime;
  });
  const resets: string[] = [];
  const busy: { namePattern: string; seconds: number }[] = [];
  const sleeps: number[] = [];
  const control = createControlApi({
    faults,
    health: () => ({ services: ['fake'], account, uptime: 0 }),
    reset: () => resets.push('services'),
    markBusy: (namePattern, seconds) => {
      if (namePattern === 'bad[') throw new RangeError('bad pattern');
      busy.push({ namePattern, seconds });
    },
    stats: () => ({ redshiftCalls: redshift.callCounts() }),
  });
  const logs: unknown[] = [];
  const server = await listenOnLoopback(
    createEdgeHandler({
      account,
      clock,
      services: [echo.service, sqsJson.service, redshift],
      queryService,
      dynamodb: () => dynamodb,
      timeToLive,
      faults,
      control,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      log: (entry) => logs.push(entry),
      maxBodyBytes: 64 * 1024,
    }),
  );
  return {
    url: server.endpoint,
    clock,
    faults,
    echo,
    sqsJson,
    redshift,
    emitted,
    queryCalls,
    resets,
    busy,
    sleeps,
    logs,
    close: () => server.close(),
  };
};

export type Edge = Awaited<ReturnType<typeof startEdge>>;

/** SigV4-shaped credentials for scope tests; the edge never checks the signature. */
export const authorizationFor = (region: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/${region}/sqs/aws4_request, SignedHeaders=host, Signature=0`;
