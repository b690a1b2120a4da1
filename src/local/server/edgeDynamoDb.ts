import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResponse } from '../protocol/httpResponse.js';
import {
  type JsonErrorStyle,
  jsonError,
  jsonSuccess,
  parseJsonBody,
  toServiceError,
} from '../protocol/jsonProtocol.js';
import { readBody } from '../protocol/readBody.js';
import { replayRequest } from './dynaliteBridge.js';
import { applyFaults } from './edgeCalls.js';
import type { Edge } from './edgeTypes.js';
import { DYNAMODB_ERROR_NAMESPACE } from './timeToLive.js';

/** DynamoDB's X-Amz-Target prefix: what fault rules and the request log call it. */
export const DYNAMODB_SERVICE = 'DynamoDB_20120810';
export const DYNAMODB_CONTENT_TYPE = 'application/x-amz-json-1.0';
export const DYNAMODB_STYLE: JsonErrorStyle = { typeNamespace: DYNAMODB_ERROR_NAMESPACE };

const dynamoError = (error: unknown): HttpResponse =>
  jsonError(toServiceError(error), DYNAMODB_CONTENT_TYPE, DYNAMODB_STYLE);

/**
 * A DynamoDB call: the time-to-live operations dynalite lacks are answered here; everything
 * else goes to dynalite with its body unread, unless a fault rule must see it. Returns a
 * response for the edge to write, or undefined when dynalite took the request.
 */
export async function handleDynamoDb(
  edge: Edge,
  req: IncomingMessage,
  res: ServerResponse,
  operation: string,
): Promise<HttpResponse | undefined> {
  if (operation === 'UpdateTimeToLive' || operation === 'DescribeTimeToLive') {
    return handleTimeToLive(edge, req, operation);
  }
  let request = req;
  try {
    let input: Record<string, unknown> | undefined;
    if (edge.options.faults.wantsInput(DYNAMODB_SERVICE, operation)) {
      const body = await readBody(req, edge.maxBodyBytes);
      request = replayRequest(req, body);
      input = parseJsonBody(body);
    }
    await applyFaults(edge, DYNAMODB_SERVICE, operation, input);
  } catch (error) {
    return dynamoError(error);
  }
  edge.options.dynamodb().emit('request', request, res);
  return undefined;
}

async function handleTimeToLive(
  edge: Edge,
  req: IncomingMessage,
  operation: 'UpdateTimeToLive' | 'DescribeTimeToLive',
): Promise<HttpResponse> {
  try {
    const input = parseJsonBody(await readBody(req, edge.maxBodyBytes));
    await applyFaults(edge, DYNAMODB_SERVICE, operation, input);
    const { timeToLive } = edge.options;
    const output =
      operation === 'UpdateTimeToLive' ? await timeToLive.update(input) : await timeToLive.describe(input);
    return jsonSuccess(DYNAMODB_CONTENT_TYPE, output);
  } catch (error) {
    return dynamoError(error);
  }
}
