import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_ACCOUNT_ID } from '../../../src/local/services/contracts.js';
import { createSqsService, type SqsService } from '../../../src/local/services/sqs/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';
import { startServiceServer } from '../support/startServiceServer.js';

/** A loopback server that speaks only SQS (JSON and query protocols), for the SQS tests. */
export interface SqsOnly {
  readonly endpoint: string;
  readonly service: SqsService;
  readonly clock: ManualClock;
  /** A real SDK v3 client pointed at the server. */
  readonly client: SQSClient;
  /** POSTs a form-encoded query-protocol request; returns status, body and content type. */
  query(
    params: Record<string, string>,
    path?: string,
  ): Promise<{ status: number; body: string; contentType: string }>;
  /** Creates a queue through the SDK; its URL. */
  createQueue(name: string, attributes?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

/** Starts the local SQS alone behind the edge handler on an ephemeral loopback port. */
export async function startSqsOnly(): Promise<SqsOnly> {
  const clock = new ManualClock();
  const service = createSqsService({ clock, account: LOCAL_ACCOUNT_ID });
  const server = await startServiceServer({
    service,
    queryService: service,
    account: LOCAL_ACCOUNT_ID,
    clock,
  });
  const { endpoint } = server;
  const client = new SQSClient(server.clientConfig());
  return {
    endpoint,
    service,
    clock,
    client,
    async query(params, path = '/') {
      const response = await fetch(`${endpoint}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
      });
      return {
        status: response.status,
        body: await response.text(),
        contentType: response.headers.get('content-type') ?? '',
      };
    },
    async createQueue(name, attributes) {
      const { QueueUrl } = await client.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      return QueueUrl ?? '';
    },
    async close() {
      client.destroy();
      await server.close();
    },
  };
}
