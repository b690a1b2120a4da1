import { CreateNamespaceCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { EventSink, ServiceEvent } from '../../../src/local/services/contracts.js';
import {
  createRedshiftServerlessService,
  type RedshiftServerlessService,
} from '../../../src/local/services/redshiftServerless/index.js';
import { ManualClock } from '../../../src/local/store/clock.js';
import { startServiceServer } from '../support/startServiceServer.js';

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
  /** Creates an AVAILABLE namespace of that name in `region` (us-east-1 by default). */
  createNamespace(namespaceName: string, region?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The local Redshift Serverless alone behind the edge handler, so the real SDK can talk to it
 * without the other services; its CloudTrail events go to a CapturingEventSink.
 */
export async function startRedshiftOnly(): Promise<RedshiftOnly> {
  const clock = new ManualClock();
  const events = new CapturingEventSink();
  const service = createRedshiftServerlessService({ clock, account: TEST_ACCOUNT, events });
  const server = await startServiceServer({ service, account: TEST_ACCOUNT, clock });
  const clients: RedshiftServerlessClient[] = [];
  const client = (options = {}): RedshiftServerlessClient => {
    const created = new RedshiftServerlessClient(server.clientConfig(options));
    clients.push(created);
    return created;
  };
  return {
    endpoint: server.endpoint,
    service,
    clock,
    events,
    client,
    async createNamespace(namespaceName, region = 'us-east-1') {
      await client({ region }).send(new CreateNamespaceCommand({ namespaceName }));
    },
    async close() {
      for (const client of clients) client.destroy();
      await server.close();
    },
  };
}
