import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';
import type { TargetDelivery } from '../../../src/local/services/contracts.js';
import {
  createEventBridgeService,
  type EventBridgeService,
} from '../../../src/local/services/events/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';

export const TEST_ACCOUNT = '111111111111';

/** A TargetDelivery that keeps messages per target ARN and refuses ARNs it was not told about. */
export class CapturingDelivery implements TargetDelivery {
  public readonly messages = new Map<string, string[]>();

  public constructor(private readonly knownArns: readonly string[]) {}

  public deliver(targetArn: string, message: string): void {
    if (!this.knownArns.includes(targetArn)) {
      throw new Error(`no target ${targetArn}`);
    }
    const list = this.messages.get(targetArn) ?? [];
    list.push(message);
    this.messages.set(targetArn, list);
  }

  public received(targetArn: string): string[] {
    return this.messages.get(targetArn) ?? [];
  }
}

export interface EventsOnly {
  readonly service: EventBridgeService;
  readonly clock: ManualClock;
  readonly delivery: CapturingDelivery;
  /** A real SDK client pointed at this server (dummy credentials, one attempt). */
  client(options?: { region?: string }): EventBridgeClient;
  close(): Promise<void>;
}

/**
 * The local EventBridge behind a minimal awsJson1_1 front end, so the real SDK can talk to it
 * without the edge server: target header → operation, JSON body → input, AwsServiceError →
 * `{__type, message}` with its status.
 */
export async function startEventsOnly(knownTargetArns: readonly string[]): Promise<EventsOnly> {
  const clock = new ManualClock();
  const delivery = new CapturingDelivery(knownTargetArns);
  const service = createEventBridgeService({ clock, account: TEST_ACCOUNT, delivery });
  const server = createServer((request, response) => {
    void respond(service, clock, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: EventBridgeClient[] = [];
  return {
    service,
    clock,
    delivery,
    client(options = {}) {
      const client = new EventBridgeClient({
        endpoint,
        region: options.region ?? 'us-east-1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
        maxAttempts: 1,
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
  service: EventBridgeService,
  clock: ManualClock,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const requestId = randomUUID();
  const send = (status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': service.contentType, 'x-amzn-requestid': requestId });
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
      send(500, { __type: 'InternalException', message: String(error) });
    }
  }
}
