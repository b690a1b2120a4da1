import type { Server } from 'node:http';
import type { CallerIdentity } from '../accounts/callerIdentity.js';
import type { FaultInjector } from '../faults/faultInjector.js';
import type { HttpResponse } from '../protocol/httpResponse.js';
import type { QueryErrorStyle } from '../protocol/queryProtocol.js';
import type { JsonService, RequestContext, RestJsonService } from '../protocol/types.js';
import type { Clock } from '../store/clock.js';
import type { ControlRequest } from './controlApi.js';
import type { StartupGate } from './startupGate.js';
import type { TimeToLiveSettings } from './timeToLive.js';

/** What a service behind the query protocol answers (SQS renders its own XML). */
export interface QueryResponse {
  readonly statusCode: number;
  readonly contentType: string;
  readonly body: string;
}

/** A service that speaks the query protocol (form-encoded `Action=`): SQS and STS here. */
export interface QueryService {
  readonly targetPrefix: string;
  /** The SigV4 signing name its requests carry (`sqs`, `sts`): how the edge tells them apart. */
  readonly signingName?: string;
  /** How the edge writes errors it raises before the service is reached; SQS's by default. */
  readonly queryErrorStyle?: QueryErrorStyle;
  /** `ctx.path` is the request path: old clients POST to the queue URL and leave QueueUrl out. */
  handleQuery(
    params: URLSearchParams,
    ctx: EdgeRequestContext & { readonly path: string },
  ): Promise<QueryResponse> | QueryResponse;
}

/** One line of the optional request log (`local serve` prints these). */
export interface EdgeLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  /** `RedshiftServerless.CreateNamespace`, `AmazonSQS.SendMessage` (query), `control`, … */
  readonly call: string;
  readonly region: string;
  /** The caller's account, as the edge resolved it. */
  readonly account: string;
  readonly statusCode: number;
}

/** The context every local service gets from the edge. */
export interface EdgeRequestContext extends RequestContext {
  readonly caller: CallerIdentity;
  /** `http://<Host header>`: what SQS builds queue URLs from, so they work for the caller. */
  readonly baseUrl: string;
  /** The SigV4 signing name of the request (`sqs`, `sts`…); absent when unsigned. */
  readonly signingName?: string;
  readonly accessKeyId?: string;
  readonly userAgent?: string;
  readonly sourceIp?: string;
}

export interface EdgeHandlerOptions {
  /** The default account: where callers whose access key names no account land. */
  readonly account: string;
  /**
   * Who a request's access key id is; by default a 12-digit key is that account and anything
   * else the default account (the local cloud passes its STS-aware resolver).
   */
  readonly callerOf?: (accessKeyId: string | undefined, region: string) => CallerIdentity;
  readonly clock: Clock;
  readonly services: readonly JsonService[];
  /** The query service for unsigned query requests and requests to queue URLs (SQS). */
  readonly queryService?: QueryService;
  /** Further query services, chosen by the signing name of the request (`sts`). */
  readonly queryServices?: readonly QueryService[];
  /** restJson1 services, chosen by the signing name of the request (`account`). */
  readonly restServices?: readonly RestJsonService[];
  /** The current dynalite server (a getter: reset swaps it). */
  readonly dynamodb: () => Server;
  readonly timeToLive: TimeToLiveSettings;
  readonly faults: FaultInjector;
  readonly control: (request: ControlRequest) => HttpResponse;
  /** How fault latency waits; real time by default. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: (entry: EdgeLogEntry) => void;
  readonly maxBodyBytes?: number;
  readonly newRequestId?: () => string;
  /** Refuses AWS requests (never control ones) with 503 until the cloud is ready; absent = always ready. */
  readonly startupGate?: StartupGate;
}

/** The edge's options resolved once: services indexed as requests find them, defaults filled in. */
export interface Edge {
  readonly options: EdgeHandlerOptions;
  readonly servicesByPrefix: ReadonlyMap<string, JsonService>;
  readonly queryBySigningName: ReadonlyMap<string, QueryService>;
  readonly restBySigningName: ReadonlyMap<string, RestJsonService>;
  readonly callerOf: (accessKeyId: string | undefined, region: string) => CallerIdentity;
  readonly sleep: (ms: number) => Promise<void>;
  readonly maxBodyBytes: number;
  readonly newRequestId: () => string;
}
