import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';
import type { EventSink, ServiceEvent } from '../../../src/local/services/contracts.js';
import {
  createRedshiftServerlessService,
  type RedshiftServerlessService,
} from '../../../src/local/services/redshiftServerless/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';

export const TEST_ACCOUNT = '111111111111';

/** An EventSink that keeps what it is given, for assertions. */
export class CapturingEventSink implements EventSink {
  public readonly events: ServiceEvent[] = [];
  public emit(event: ServiceEvent): void {
    this.events.push(event);
  }
}

export interface RedshiftOnly {
  readonly endpoint: string;
  readonly service: RedshiftServerlessService;
  readonly clock: ManualClock;
  readonly events: CapturingEventSink;
  /** A real SDK client pointed at this server (dummy credentials, no retries by default). */
  client(options?: { region?: string; maxAttempts?: number }): RedshiftServerlessClient;
  close(): Promise<void>;
}

/**
 * The local Redshift Serverless behind a minimal awsJson1_1 front end, so the real SDK can
 * talk to it without the edge server: target header → operation, JSON body → input,
 * AwsServiceError → `{__type, message}` with its status.
 */
export async function startRedshiftOnly(): Promise<RedshiftOnly> {
  const clock = new ManualClock();
  const events = new CapturingEventSink();
  const service = createRedshiftServerlessService({ clock, account: TEST_ACCOUNT, events });
  const server = createServer((request, response) => {
    void respond(service, clock, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: RedshiftServerlessClient[] = [];
  return {
    endpoint,
    service,
    clock,
    events,
    client(options = {}) {
      const client = new RedshiftServerlessClient({
        endpoint,
        region: options.region ?? 'us-east-1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
        maxAttempts: options.maxAttempts ?? 1,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

async function respond(
  service: RedshiftServerlessService,
  clock: ManualClock,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const requestId = randomUUID();
  const send = (status: number, body: unknown) => {
    response.writeHead(status, {
      'content-type': service.contentType,
      'x-amzn-requestid': requestId,
    });
    response.end(JSON.stringify(body));
  };
  const target = String(request.headers['x-amz-target'] ?? '');
  const [prefix, operation] = target.split('.');
  if (prefix !== service.targetPrefix || operation === undefined) {
    send(400, { __type: 'UnknownOperationException', message: `Unknown target ${target}` });
    return;
  }
  const region =
    /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ??
    'us-east-1';
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    const input = (text.length === 0 ? {} : JSON.parse(text)) as Record<string, unknown>;
    const output = await service.handle(operation, input, {
      region,
      account: TEST_ACCOUNT,
      requestId,
      clock,
    });
    send(200, output ?? {});
  } catch (error) {
    if (error instanceof AwsServiceError) {
      send(error.statusCode, { __type: error.code, message: error.message });
    } else {
      send(500, { __type: 'InternalServerException', message: String(error) });
    }
  }
}
