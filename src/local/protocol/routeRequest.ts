import type { IncomingHttpHeaders } from 'node:http';
import { type CredentialScope, credentialScopeOf } from './regionFromRequest.js';

/** Where the edge server sends a request, decided from its method, path and headers alone. */
export type Route =
  | { readonly kind: 'control'; readonly path: string }
  | { readonly kind: 'dynamodb'; readonly operation: string }
  | { readonly kind: 'json'; readonly targetPrefix: string; readonly operation: string }
  | { readonly kind: 'query' }
  | { readonly kind: 'rest'; readonly signingName: string; readonly path: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The path prefix of the control API: no AWS client sends requests there. */
export const CONTROL_PATH_PREFIX = '/_local';
const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810';
// SQS queue URLs are http://host/<12-digit account>/<queue name>.
const QUEUE_PATH = /^\/\d{12}\/[^/]+\/?$/;

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

const contentTypeOf = (headers: IncomingHttpHeaders): string =>
  (headerValue(headers['content-type']) ?? '').toLowerCase();

const isFormEncoded = (headers: IncomingHttpHeaders): boolean =>
  contentTypeOf(headers).startsWith('application/x-www-form-urlencoded');

/**
 * Classifies a request without reading its body, so DynamoDB requests can be handed to
 * dynalite with their body unread. JSON protocols route by the `X-Amz-Target` prefix
 * (`RedshiftServerless.CreateNamespace` → `RedshiftServerless`); the query protocol (SQS
 * and STS speak it here; the edge picks between them by the SigV4 signing name) is a form POST
 * or a GET with `Action=`, or anything sent to a queue URL. A signed `application/json` request
 * without a target is restJson1 (account's `POST /listRegions`), routed by its signing name.
 * `scope` is the request's SigV4 credential scope, when the caller has read it already (the edge
 * reads it once per request, for the caller's account too).
 */
export const routeRequest = (
  method: string,
  pathname: string,
  headers: IncomingHttpHeaders,
  searchParams: URLSearchParams,
  scope: CredentialScope = credentialScopeOf(headers, searchParams),
): Route => {
  if (pathname === CONTROL_PATH_PREFIX || pathname.startsWith(`${CONTROL_PATH_PREFIX}/`)) {
    return { kind: 'control', path: pathname };
  }
  const target = headerValue(headers['x-amz-target']);
  if (target !== undefined) {
    const dot = target.indexOf('.');
    if (dot <= 0 || dot === target.length - 1) {
      return { kind: 'unknown', reason: `Unrecognized X-Amz-Target: ${target}` };
    }
    const targetPrefix = target.slice(0, dot);
    const operation = target.slice(dot + 1);
    return targetPrefix === DYNAMODB_TARGET_PREFIX
      ? { kind: 'dynamodb', operation }
      : { kind: 'json', targetPrefix, operation };
  }
  if (method === 'POST' && isFormEncoded(headers)) return { kind: 'query' };
  const signingName = scope.service;
  if (signingName !== undefined && contentTypeOf(headers).startsWith('application/json')) {
    return { kind: 'rest', signingName, path: pathname };
  }
  if (method === 'GET' && searchParams.has('Action')) return { kind: 'query' };
  if (QUEUE_PATH.test(pathname)) return { kind: 'query' };
  return { kind: 'unknown', reason: 'Request has neither an X-Amz-Target header nor an Action parameter' };
};
