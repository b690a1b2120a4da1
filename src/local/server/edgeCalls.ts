import type { IncomingMessage } from 'node:http';
import type { FaultErrorSpec } from '../faults/faultErrors.js';
import type { HttpResponse } from '../protocol/httpResponse.js';
import {
  type JsonErrorStyle,
  jsonError,
  jsonSuccess,
  parseJsonBody,
  toServiceError,
} from '../protocol/jsonProtocol.js';
import { queryError, queryParams } from '../protocol/queryProtocol.js';
import { readBody } from '../protocol/readBody.js';
import { REST_JSON_CONTENT_TYPE, restJsonError } from '../protocol/restJsonProtocol.js';
import { AwsServiceError } from '../protocol/serviceError.js';
import type { JsonService, RequestContext } from '../protocol/types.js';
import type { Edge, EdgeRequestContext, QueryService } from './edgeTypes.js';

/** Services whose JSON errors carry query-protocol codes, with their `__type` namespace. */
export const QUERY_COMPATIBLE: Readonly<Record<string, JsonErrorStyle>> = {
  AmazonSQS: { typeNamespace: 'com.amazonaws.sqs', queryCompatible: true },
};

const faultError = (spec: FaultErrorSpec): AwsServiceError =>
  new AwsServiceError(spec.code, spec.message, { statusCode: spec.statusCode });

/** Waits out the latency of the fault rules that fire, then throws their error, if any. */
export async function applyFaults(
  edge: Edge,
  service: string,
  operation: string,
  input?: Record<string, unknown>,
): Promise<void> {
  const decision = edge.options.faults.decide({ service, operation, input });
  if (decision.latencyMs > 0) await edge.sleep(decision.latencyMs);
  if (decision.error !== undefined) throw faultError(decision.error);
}

/**
 * A query request goes to the service it was signed for (`sts`, `sqs`), never guessed from its
 * Action; unsigned requests, and signing names no service here claims, go to the default
 * query service (SQS: old clients POST unsigned forms to queue URLs).
 */
export function queryServiceFor(edge: Edge, signingName: string | undefined): QueryService | undefined {
  return (
    (signingName === undefined ? undefined : edge.queryBySigningName.get(signingName)) ??
    edge.options.queryService
  );
}

/** An awsJson1_0/1_1 call: the body parsed, fault rules applied, the service's answer serialised. */
export async function handleJson(
  edge: Edge,
  req: IncomingMessage,
  call: { readonly service: JsonService; readonly operation: string },
  ctx: RequestContext,
): Promise<HttpResponse> {
  const { service, operation } = call;
  try {
    const input = parseJsonBody(await readBody(req, edge.maxBodyBytes));
    await applyFaults(edge, service.targetPrefix, operation, input);
    return jsonSuccess(service.contentType, await service.handle(operation, input, ctx));
  } catch (error) {
    const style = service.errorStyle ?? QUERY_COMPATIBLE[service.targetPrefix];
    return jsonError(toServiceError(error), service.contentType, style);
  }
}

/** A query-protocol call (form-encoded `Action=`), for the service it was signed for. */
export async function handleQuery(
  edge: Edge,
  req: IncomingMessage,
  url: URL,
  ctx: EdgeRequestContext,
): Promise<HttpResponse> {
  const service = queryServiceFor(edge, ctx.signingName);
  try {
    const params = queryParams(url.searchParams, await readBody(req, edge.maxBodyBytes));
    const action = params.get('Action');
    if (service === undefined) {
      throw new AwsServiceError('UnknownOperationException', 'No service speaks the query protocol here');
    }
    if (!action) {
      throw new AwsServiceError('MissingAction', 'The request must contain the parameter Action.');
    }
    await applyFaults(edge, service.targetPrefix, action, Object.fromEntries(params));
    const result = await service.handleQuery(params, { ...ctx, path: url.pathname });
    return {
      statusCode: result.statusCode,
      headers: { 'Content-Type': result.contentType },
      body: result.body,
    };
  } catch (error) {
    return queryError(toServiceError(error), ctx.requestId, service?.queryErrorStyle);
  }
}

/** A restJson1 call: the service its signing name names, the operation its method and path name. */
export async function handleRest(
  edge: Edge,
  req: IncomingMessage,
  route: { readonly signingName: string; readonly path: string },
  ctx: EdgeRequestContext,
): Promise<HttpResponse> {
  try {
    const service = edge.restBySigningName.get(route.signingName);
    const operation = service?.operationFor(req.method ?? 'GET', route.path);
    if (service === undefined || operation === undefined) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `No local service answers ${req.method} ${route.path} for ${route.signingName}`,
        { statusCode: 404 },
      );
    }
    const input = parseJsonBody(await readBody(req, edge.maxBodyBytes));
    await applyFaults(edge, service.serviceName, operation, input);
    return jsonSuccess(REST_JSON_CONTENT_TYPE, await service.handle(operation, input, ctx));
  } catch (error) {
    return restJsonError(toServiceError(error));
  }
}
