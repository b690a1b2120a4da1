import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { jsonError } from '../../../src/local/protocol/jsonProtocol.js';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';
import { LOCAL_ACCOUNT_ID } from '../../../src/local/services/contracts.js';
import { createSqsService, type SqsService } from '../../../src/local/services/sqs/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';

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
  close(): Promise<void>;
}

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Region from the SigV4 credential scope, as the edge server reads it. */
const regionOf = (req: IncomingMessage): string =>
  /Credential=[^/]+\/\d+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? 'us-east-1';

/** Starts the SQS-only server on an ephemeral loopback port. */
export async function startSqsOnly(): Promise<SqsOnly> {
  const clock = new ManualClock();
  const service = createSqsService({ clock, account: LOCAL_ACCOUNT_ID });
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const ctx = {
        region: regionOf(req),
        account: LOCAL_ACCOUNT_ID,
        requestId: randomUUID(),
        clock,
        baseUrl: `http://${req.headers.host ?? 'localhost'}`,
      };
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string' && target.startsWith('AmazonSQS.')) {
        try {
          const output = await service.handle(
            target.slice('AmazonSQS.'.length),
            JSON.parse(body || '{}'),
            ctx,
          );
          res.writeHead(200, { 'Content-Type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': ctx.requestId });
          res.end(JSON.stringify(output ?? {}));
        } catch (error) {
          if (!(error instanceof AwsServiceError)) throw error;
          const response = jsonError(error, JSON_CONTENT_TYPE, {
            typeNamespace: 'com.amazonaws.sqs',
            queryCompatible: true,
          });
          res.writeHead(response.statusCode, { ...response.headers, 'x-amzn-RequestId': ctx.requestId });
          res.end(response.body);
        }
        return;
      }
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const response = await service.handleQuery(new URLSearchParams(body), { ...ctx, path });
      res.writeHead(response.statusCode, { 'Content-Type': response.contentType });
      res.end(response.body);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
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
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
