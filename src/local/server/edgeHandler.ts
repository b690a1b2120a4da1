import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { type CallerIdentity, resolveCaller } from '../accounts/callerIdentity.js';
import type { FaultErrorSpec } from '../faults/faultErrors.js';
import type { FaultInjector } from '../faults/faultInjector.js';
import { type HttpResponse, writeResponse } from '../protocol/httpResponse.js';
import {
  type JsonErrorStyle,
  jsonError,
  jsonSuccess,
  parseJsonBody,
  toServiceError,
} from '../protocol/jsonProtocol.js';
import { type QueryErrorStyle, queryError, queryParams } from '../protocol/queryProtocol.js';
import { DEFAULT_MAX_BODY_BYTES, readBody } from '../protocol/readBody.js';
import { credentialScopeOf } from '../protocol/regionFromRequest.js';
import { REST_JSON_CONTENT_TYPE, restJsonError } from '../protocol/restJsonProtocol.js';
import { type Route, routeRequest } from '../protocol/routeRequest.js';
import { AwsServiceError } from '../protocol/serviceError.js';
import type { JsonService, RequestContext, RestJsonService } from '../protocol/types.js';
import type { Clock } from '../store/clock.js';
import type { ControlRequest } from './controlApi.js';
import { replayRequest } from './dynaliteBridge.js';
import { type StartupGate, startingError } from './startupGate.js';
import { DYNAMODB_ERROR_NAMESPACE, type TimeToLiveSettings } from './timeToLive.js';

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

/** Services whose JSON errors carry query-protocol codes, with their `__type` namespace. */
const QUERY_COMPATIBLE: Readonly<Record<string, JsonErrorStyle>> = {
  AmazonSQS: { typeNamespace: 'com.amazonaws.sqs', queryCompatible: true },
};
const DYNAMODB_SERVICE = 'DynamoDB_20120810';
const DYNAMODB_CONTENT_TYPE = 'application/x-amz-json-1.0';
const DYNAMODB_STYLE: JsonErrorStyle = { typeNamespace: DYNAMODB_ERROR_NAMESPACE };
const DEFAULT_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const faultError = (spec: FaultErrorSpec): AwsServiceError =>
  new AwsServiceError(spec.code, spec.message, { statusCode: spec.statusCode });

const callName = (route: Route): string => {
  switch (route.kind) {
    case 'control':
      return 'control';
    case 'dynamodb':
      return `${DYNAMODB_SERVICE}.${route.operation}`;
    case 'json':
      return `${route.targetPrefix}.${route.operation}`;
    case 'query':
      return 'query';
    case 'rest':
      return `${route.signingName}:${route.path}`;
    default:
      return 'unknown';
  }
};

/**
 * The edge server's request listener: one port for every local service, like LocalStack's.
 * It routes by protocol (see routeRequest), reads the region from the SigV4 scope, applies
 * fault rules before dispatch, and serialises results and errors the way each protocol does.
 * DynamoDB requests go to dynalite with their body unread unless a fault rule must see it.
 */
export const createEdgeHandler = (options: EdgeHandlerOptions): RequestListener => {
  const servicesByPrefix = new Map(options.services.map((service) => [service.targetPrefix, service]));
  const queryBySigningName = new Map<string, QueryService>();
  for (const service of [options.queryService, ...(options.queryServices ?? [])]) {
    if (service?.signingName !== undefined) queryBySigningName.set(service.signingName, service);
  }
  const restBySigningName = new Map(
    (options.restServices ?? []).map((service) => [service.signingName, service]),
  );
  /**
   * A query request goes to the service it was signed for (`sts`, `sqs`), never guessed from its
   * Action; unsigned requests, and signing names no service here claims, go to the default
   * query service (SQS: old clients POST unsigned forms to queue URLs).
   */
  const queryServiceFor = (signingName: string | undefined): QueryService | undefined =>
    (signingName === undefined ? undefined : queryBySigningName.get(signingName)) ?? options.queryService;
  const callerOf =
    options.callerOf ??
    ((accessKeyId: string | undefined, region: string) =>
      resolveCaller(accessKeyId, region, { defaultAccount: options.account }));
  const sleep = options.sleep ?? realSleep;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const newRequestId = options.newRequestId ?? randomUUID;

  /** Waits out the latency of the rules that fire and returns their error, if any. */
  const applyFaults = async (
    service: string,
    operation: string,
    input?: Record<string, unknown>,
  ): Promise<AwsServiceError | undefined> => {
    const decision = options.faults.decide({ service, operation, input });
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    return decision.error === undefined ? undefined : faultError(decision.error);
  };

  /**
   * The request context services see; besides RequestContext it carries the caller (resolved
   * from the access key id: its account is the account the request acts in), what CloudTrail
   * records of a caller (access key id, user agent, source IP) and the base URL SQS builds
   * queue URLs from.
   */
  const contextFor = (req: IncomingMessage, url: URL, requestId: string): EdgeRequestContext => {
    const scope = credentialScopeOf(req.headers, url.searchParams);
    const caller = callerOf(scope.accessKeyId, scope.region);
    return {
      region: scope.region,
      account: caller.account,
      caller,
      requestId,
      clock: options.clock,
      baseUrl: `http://${req.headers.host ?? 'localhost'}`,
      signingName: scope.service,
      accessKeyId: scope.accessKeyId,
      userAgent: req.headers['user-agent'],
      sourceIp: req.socket.remoteAddress,
    };
  };

  const handleJson = async (
    req: IncomingMessage,
    service: JsonService,
    operation: string,
    ctx: RequestContext,
  ): Promise<HttpResponse> => {
    const style = service.errorStyle ?? QUERY_COMPATIBLE[service.targetPrefix];
    try {
      const input = parseJsonBody(await readBody(req, maxBodyBytes));
      const injected = await applyFaults(service.targetPrefix, operation, input);
      if (injected !== undefined) throw injected;
      return jsonSuccess(service.contentType, await service.handle(operation, input, ctx));
    } catch (error) {
      return jsonError(toServiceError(error), service.contentType, style);
    }
  };

  const handleQuery = async (
    req: IncomingMessage,
    url: URL,
    ctx: EdgeRequestContext,
  ): Promise<HttpResponse> => {
    const service = queryServiceFor(ctx.signingName);
    try {
      const params = queryParams(url.searchParams, await readBody(req, maxBodyBytes));
      const action = params.get('Action');
      if (service === undefined) {
        throw new AwsServiceError('UnknownOperationException', 'No service speaks the query protocol here');
      }
      if (!action) {
        throw new AwsServiceError('MissingAction', 'The request must contain the parameter Action.');
      }
      const injected = await applyFaults(service.targetPrefix, action, Object.fromEntries(params));
      if (injected !== undefined) throw injected;
      const result = await service.handleQuery(params, { ...ctx, path: url.pathname });
      return {
        statusCode: result.statusCode,
        headers: { 'Content-Type': result.contentType },
        body: result.body,
      };
    } catch (error) {
      return queryError(toServiceError(error), ctx.requestId, service?.queryErrorStyle);
    }
  };

  const handleRest = async (
    req: IncomingMessage,
    route: { readonly signingName: string; readonly path: string },
    ctx: EdgeRequestContext,
  ): Promise<HttpResponse> => {
    try {
      const service = restBySigningName.get(route.signingName);
      const operation = service?.operationFor(req.method ?? 'GET', route.path);
      if (service === undefined || operation === undefined) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `No local service answers ${req.method} ${route.path} for ${route.signingName}`,
          { statusCode: 404 },
        );
      }
      const input = parseJsonBody(await readBody(req, maxBodyBytes));
      const injected = await applyFaults(service.serviceName, operation, input);
      if (injected !== undefined) throw injected;
      return jsonSuccess(REST_JSON_CONTENT_TYPE, await service.handle(operation, input, ctx));
    } catch (error) {
      return restJsonError(toServiceError(error));
    }
  };

  /** Returns a response for the edge to write, or undefined when dynalite took the request. */
  const handleDynamoDb = async (
    req: IncomingMessage,
    res: ServerResponse,
    operation: string,
  ): Promise<HttpResponse | undefined> => {
    const dynamoError = (error: unknown): HttpResponse =>
      jsonError(toServiceError(error), DYNAMODB_CONTENT_TYPE, DYNAMODB_STYLE);
    if (operation === 'UpdateTimeToLive' || operation === 'DescribeTimeToLive') {
      try {
        const input = parseJsonBody(await readBody(req, maxBodyBytes));
        const injected = await applyFaults(DYNAMODB_SERVICE, operation, input);
        if (injected !== undefined) throw injected;
        const output =
          operation === 'UpdateTimeToLive'
            ? await options.timeToLive.update(input)
            : await options.timeToLive.describe(input);
        return jsonSuccess(DYNAMODB_CONTENT_TYPE, output);
      } catch (error) {
        return dynamoError(error);
      }
    }
    let request = req;
    try {
      let input: Record<string, unknown> | undefined;
      if (options.faults.wantsInput(DYNAMODB_SERVICE, operation)) {
        const body = await readBody(req, maxBodyBytes);
        request = replayRequest(req, body);
        input = parseJsonBody(body);
      }
      const injected = await applyFaults(DYNAMODB_SERVICE, operation, input);
      if (injected !== undefined) return dynamoError(injected);
    } catch (error) {
      return dynamoError(error);
    }
    options.dynamodb().emit('request', request, res);
    return undefined;
  };

  const dispatch = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: Route,
    ctx: EdgeRequestContext,
  ): Promise<HttpResponse | undefined> => {
    switch (route.kind) {
      case 'control':
        return options.control({
          method: req.method ?? 'GET',
          path: route.path,
          body: await readBody(req, maxBodyBytes),
        });
      case 'dynamodb':
        return handleDynamoDb(req, res, route.operation);
      case 'json': {
        const service = servicesByPrefix.get(route.targetPrefix);
        if (service === undefined) {
          return jsonError(
            new AwsServiceError(
              'UnknownOperationException',
              `Unrecognized X-Amz-Target prefix: ${route.targetPrefix}`,
            ),
            DEFAULT_JSON_CONTENT_TYPE,
          );
        }
        return handleJson(req, service, route.operation, ctx);
      }
      case 'query':
        return handleQuery(req, url, ctx);
      case 'rest':
        return handleRest(req, route, ctx);
      case 'unknown':
        return jsonError(
          new AwsServiceError('UnknownOperationException', route.reason),
          DEFAULT_JSON_CONTENT_TYPE,
        );
    }
  };

  /** The gate's 503, spelled in the protocol of the request, with Retry-After. */
  const startingRefusal = (route: Route, ctx: EdgeRequestContext, gate: StartupGate): HttpResponse => {
    const error = startingError();
    const response =
      route.kind === 'query'
        ? queryError(error, ctx.requestId, queryServiceFor(ctx.signingName)?.queryErrorStyle)
        : route.kind === 'rest'
          ? restJsonError(error)
          : route.kind === 'dynamodb'
            ? jsonError(error, DYNAMODB_CONTENT_TYPE, DYNAMODB_STYLE)
            : route.kind === 'json'
              ? jsonError(
                  error,
                  servicesByPrefix.get(route.targetPrefix)?.contentType ?? DEFAULT_JSON_CONTENT_TYPE,
                  servicesByPrefix.get(route.targetPrefix)?.errorStyle ??
                    QUERY_COMPATIBLE[route.targetPrefix],
                )
              : jsonError(error, DEFAULT_JSON_CONTENT_TYPE);
    return { ...response, headers: { ...response.headers, 'Retry-After': String(gate.retryAfterSeconds) } };
  };

  return (req, res) => {
    const requestId = newRequestId();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeRequest(req.method ?? 'GET', url.pathname, req.headers, url.searchParams);
    const ctx = contextFor(req, url, requestId);
    const { region, account } = ctx;
    if (options.log !== undefined) {
      const log = options.log;
      res.once('finish', () => {
        log({
          requestId,
          method: req.method ?? 'GET',
          path: url.pathname,
          call: callName(route),
          region,
          account,
          statusCode: res.statusCode,
        });
      });
    }
    const gate = options.startupGate;
    if (gate !== undefined && route.kind !== 'control' && gate.refuses(req.headers)) {
      req.resume();
      writeResponse(res, startingRefusal(route, ctx, gate), requestId);
      return;
    }
    dispatch(req, res, url, route, ctx).then(
      (response) => {
        if (response !== undefined) writeResponse(res, response, requestId);
      },
      (error: unknown) => {
        const response = jsonError(toServiceError(error), DEFAULT_JSON_CONTENT_TYPE);
        if (!res.headersSent) writeResponse(res, response, requestId);
        else res.destroy();
      },
    );
  };
};
