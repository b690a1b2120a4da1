import { FaultInjector } from '../../../src/local/faults/faultInjector.js';
import { jsonError } from '../../../src/local/protocol/jsonProtocol.js';
import { AwsServiceError } from '../../../src/local/protocol/serviceError.js';
import type { JsonService } from '../../../src/local/protocol/types.js';
import { createEdgeHandler } from '../../../src/local/server/edgeHandler.js';
import type { QueryService } from '../../../src/local/server/edgeTypes.js';
import { TimeToLiveSettings } from '../../../src/local/server/timeToLive.js';
import type { Clock } from '../../../src/local/store/clock.js';
import { listenOnLoopback } from './listenOnLoopback.js';

export interface ServiceServerOptions {
  /** The one JSON-protocol service served, with whatever fakes the test gave it. */
  readonly service: JsonService;
  /** The query-protocol side, for SQS. */
  readonly queryService?: QueryService;
  readonly account: string;
  readonly clock: Clock;
}

/** SDK client settings for a service server; one attempt unless a test asks for retries. */
export interface ServiceClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
}

export interface ServiceServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Settings for a real SDK client pointed at this server (dummy credentials, `us-east-1`, no retries). */
  clientConfig(options?: { region?: string; maxAttempts?: number }): ServiceClientConfig;
  close(): Promise<void>;
}

const notServedHere = (what: string): AwsServiceError =>
  new AwsServiceError('UnknownOperationException', `${what} is not served by this test server`);

/**
 * One local service behind the production edge handler on a loopback port, so a service's
 * tests go through the same routing, body parsing, region reading and error serialisation as
 * the local cloud, without the other services. DynamoDB and the control API answer
 * UnknownOperationException; no fault rules are ever added.
 */
export async function startServiceServer(options: ServiceServerOptions): Promise<ServiceServer> {
  const listener = createEdgeHandler({
    account: options.account,
    clock: options.clock,
    services: [options.service],
    ...(options.queryService === undefined ? {} : { queryService: options.queryService }),
    dynamodb: () => {
      throw notServedHere('DynamoDB');
    },
    timeToLive: new TimeToLiveSettings(() => Promise.reject(notServedHere('DynamoDB'))),
    faults: new FaultInjector({ clock: options.clock }),
    control: () => jsonError(notServedHere('The control API'), 'application/json'),
  });
  const server = await listenOnLoopback(listener);
  return {
    endpoint: server.endpoint,
    clientConfig: (clientOptions = {}) => ({
      endpoint: server.endpoint,
      region: clientOptions.region ?? 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: clientOptions.maxAttempts ?? 1,
    }),
    close: () => server.close(),
  };
}
