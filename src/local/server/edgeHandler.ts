import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { resolveCaller } from '../accounts/callerIdentity.js';
import { type HttpResponse, writeResponse } from '../protocol/httpResponse.js';
import { jsonError, toServiceError } from '../protocol/jsonProtocol.js';
import { queryError } from '../protocol/queryProtocol.js';
import { DEFAULT_MAX_BODY_BYTES, readBody } from '../protocol/readBody.js';
import { type CredentialScope, credentialScopeOf } from '../protocol/regionFromRequest.js';
import { restJsonError } from '../protocol/restJsonProtocol.js';
import { type Route, routeRequest } from '../protocol/routeRequest.js';
import { AwsServiceError } from '../protocol/serviceError.js';
import { handleJson, handleQuery, handleRest, QUERY_COMPATIBLE, queryServiceFor } from './edgeCalls.js';
import { DYNAMODB_CONTENT_TYPE, DYNAMODB_SERVICE, DYNAMODB_STYLE, handleDynamoDb } from './edgeDynamoDb.js';
import type {
  Edge,
  EdgeHandlerOptions,
  EdgeLogEntry,
  EdgeRequestContext,
  QueryService,
} from './edgeTypes.js';
import { type StartupGate, startingError } from './startupGate.js';

const DEFAULT_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The edge server's request listener: one port for every local service, like LocalStack's.
 * It routes by protocol (see routeRequest), reads the region from the SigV4 scope, applies
 * fault rules before dispatch (edgeCalls.ts), and serialises results and errors the way each
 * protocol does. DynamoDB requests go to dynalite with their body unread unless a fault rule
 * must see it (edgeDynamoDb.ts).
 */
export const createEdgeHandler = (options: EdgeHandlerOptions): RequestListener => {
  const edge = resolveEdge(options);
  return (req, res) => {
    const requestId = edge.newRequestId();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scope = credentialScopeOf(req.headers, url.searchParams);
    const route = routeRequest(req.method ?? 'GET', url.pathname, req.headers, url.searchParams, scope);
    const ctx = contextFor(edge, req, scope, requestId);
    if (options.log !== undefined) logWhenAnswered(options.log, { req, res, url, route, ctx });
    const gate = options.startupGate;
    if (gate !== undefined && route.kind !== 'control' && gate.refuses(req.headers)) {
      req.resume();
      writeResponse(res, startingRefusal(edge, route, ctx, gate), requestId);
      return;
    }
    dispatch(edge, { req, res, url, route, ctx }).then(
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

function resolveEdge(options: EdgeHandlerOptions): Edge {
  const queryBySigningName = new Map<string, QueryService>();
  for (const service of [options.queryService, ...(options.queryServices ?? [])]) {
    if (service?.signingName !== undefined) queryBySigningName.set(service.signingName, service);
  }
  return {
    options,
    servicesByPrefix: new Map(options.services.map((service) => [service.targetPrefix, service])),
    queryBySigningName,
    restBySigningName: new Map((options.restServices ?? []).map((service) => [service.signingName, service])),
    callerOf:
      options.callerOf ??
      ((accessKeyId, region) => resolveCaller(accessKeyId, region, { defaultAccount: options.account })),
    sleep: options.sleep ?? realSleep,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    newRequestId: options.newRequestId ?? randomUUID,
  };
}

/**
 * The request context services see; besides RequestContext it carries the caller (resolved
 * from the access key id: its account is the account the request acts in), what CloudTrail
 * records of a caller (access key id, user agent, source IP) and the base URL SQS builds
 * queue URLs from.
 */
function contextFor(
  edge: Edge,
  req: IncomingMessage,
  scope: CredentialScope,
  requestId: string,
): EdgeRequestContext {
  const caller = edge.callerOf(scope.accessKeyId, scope.region);
  return {
    region: scope.region,
    account: caller.account,
    caller,
    requestId,
    clock: edge.options.clock,
    baseUrl: `http://${req.headers.host ?? 'localhost'}`,
    signingName: scope.service,
    accessKeyId: scope.accessKeyId,
    userAgent: req.headers['user-agent'],
    sourceIp: req.socket.remoteAddress,
  };
}

/** One request as the edge read it. */
interface EdgeRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly route: Route;
  readonly ctx: EdgeRequestContext;
}

function callName(route: Route): string {
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
}

/** Logs the request once its response is written, with the status it got. */
function logWhenAnswered(log: (entry: EdgeLogEntry) => void, request: EdgeRequest): void {
  const { req, res, url, route, ctx } = request;
  res.once('finish', () => {
    log({
      requestId: ctx.requestId,
      method: req.method ?? 'GET',
      path: url.pathname,
      call: callName(route),
      region: ctx.region,
      account: ctx.account,
      statusCode: res.statusCode,
    });
  });
}

async function dispatch(edge: Edge, request: EdgeRequest): Promise<HttpResponse | undefined> {
  const { req, res, url, route, ctx } = request;
  switch (route.kind) {
    case 'control':
      return edge.options.control({
        method: req.method ?? 'GET',
        path: route.path,
        body: await readBody(req, edge.maxBodyBytes),
      });
    case 'dynamodb':
      return handleDynamoDb(edge, req, res, route.operation);
    case 'json': {
      const service = edge.servicesByPrefix.get(route.targetPrefix);
      if (service === undefined) {
        return jsonError(
          new AwsServiceError(
            'UnknownOperationException',
            `Unrecognized X-Amz-Target prefix: ${route.targetPrefix}`,
          ),
          DEFAULT_JSON_CONTENT_TYPE,
        );
      }
      return handleJson(edge, req, { service, operation: route.operation }, ctx);
    }
    case 'query':
      return handleQuery(edge, req, url, ctx);
    case 'rest':
      return handleRest(edge, req, route, ctx);
    case 'unknown':
      return jsonError(
        new AwsServiceError('UnknownOperationException', route.reason),
        DEFAULT_JSON_CONTENT_TYPE,
      );
  }
}

/** The gate's 503, spelled in the protocol of the request, with Retry-After. */
function startingRefusal(edge: Edge, route: Route, ctx: EdgeRequestContext, gate: StartupGate): HttpResponse {
  const response = startingErrorResponse(edge, route, ctx);
  return { ...response, headers: { ...response.headers, 'Retry-After': String(gate.retryAfterSeconds) } };
}

function startingErrorResponse(edge: Edge, route: Route, ctx: EdgeRequestContext): HttpResponse {
  const error = startingError();
  switch (route.kind) {
    case 'query':
      return queryError(error, ctx.requestId, queryServiceFor(edge, ctx.signingName)?.queryErrorStyle);
    case 'rest':
      return restJsonError(error);
    case 'dynamodb':
      return jsonError(error, DYNAMODB_CONTENT_TYPE, DYNAMODB_STYLE);
    case 'json': {
      const service = edge.servicesByPrefix.get(route.targetPrefix);
      return jsonError(
        error,
        service?.contentType ?? DEFAULT_JSON_CONTENT_TYPE,
        service?.errorStyle ?? QUERY_COMPATIBLE[route.targetPrefix],
      );
    }
    default:
      return jsonError(error, DEFAULT_JSON_CONTENT_TYPE);
  }
}
