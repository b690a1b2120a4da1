import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { TargetDelivery } from '../../../src/local/services/contracts.js';
import {
  createEventBridgeService,
  type EventBridgeService,
} from '../../../src/local/services/events/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';
import { startServiceServer } from '../support/startServiceServer.js';

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
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly service: EventBridgeService;
  readonly clock: ManualClock;
  readonly delivery: CapturingDelivery;
  /** A real SDK client pointed at this server (dummy credentials, one attempt). */
  client(options?: { region?: string }): EventBridgeClient;
  close(): Promise<void>;
}

/**
 * The local EventBridge alone behind the edge handler, so the real SDK can talk to it without
 * the other services; deliveries go to a CapturingDelivery instead of SQS.
 */
export async function startEventsOnly(knownTargetArns: readonly string[]): Promise<EventsOnly> {
  const clock = new ManualClock();
  const delivery = new CapturingDelivery(knownTargetArns);
  const service = createEventBridgeService({ clock, account: TEST_ACCOUNT, delivery });
  const server = await startServiceServer({ service, account: TEST_ACCOUNT, clock });
  const clients: EventBridgeClient[] = [];
  return {
    endpoint: server.endpoint,
    service,
    clock,
    delivery,
    client(options = {}) {
      const client = new EventBridgeClient(server.clientConfig(options));
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await server.close();
    },
  };
}
