import { LocalCloudError } from '../errors.js';
import { InvalidFaultRuleError } from '../faults/errors.js';
import type { FaultInjector } from '../faults/faultInjector.js';
import { parseFaultRule } from '../faults/parseFaultRule.js';
import type { HttpResponse } from '../protocol/httpResponse.js';
import { CONTROL_PATH_PREFIX } from '../protocol/routeRequest.js';

/** A control request as the edge read it. */
export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Buffer;
}

/** A control request as a route module sees it: path below `/_local`, body parsed on demand. */
export interface ControlRouteRequest {
  readonly method: string;
  /** e.g. `/accounts` or `/roles`, without a trailing slash. */
  readonly subPath: string;
  /** The JSON object body (`{}` when empty); throws ControlRequestError (400) for anything else. */
  body(): Record<string, unknown>;
}

/**
 * More control routes, kept with the part of the local cloud they drive: answers a request it
 * owns (throwing ControlRequestError for bad ones) or returns undefined for the next module.
 */
export type ControlRoutes = (request: ControlRouteRequest) => HttpResponse | undefined;

/** What the control API can reach in the local cloud. */
export interface ControlApiOptions {
  readonly faults: FaultInjector;
  health(): Record<string, unknown>;
  /** Forgets all state in every service (faults are cleared by the control API itself). */
  reset(): void;
  markBusy(namePattern: string, seconds: number): void;
  /** Service statistics; the control API adds `faultsHit`. */
  stats(): Record<string, unknown>;
  /** Route modules tried, in order, for paths the API itself does not know. */
  readonly routes?: readonly ControlRoutes[];
}

/** A control request the API refuses, with the status to answer. */
export class ControlRequestError extends LocalCloudError {
  public readonly statusCode: number;
  public constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'ControlRequestError';
    this.statusCode = statusCode;
  }
}

/** A JSON control response. */
export const json = (statusCode: number, value: unknown): HttpResponse => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(value),
});

const parseObject = (body: Buffer): Record<string, unknown> => {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ControlRequestError(400, 'Request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ControlRequestError(400, 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
};

const parseBusy = (body: Record<string, unknown>): { namePattern: string; seconds: number } => {
  const { namePattern, seconds } = body;
  if (typeof namePattern !== 'string' || namePattern.length === 0) {
    throw new ControlRequestError(400, 'namePattern must be a non-empty string (a glob such as "prod-*")');
  }
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new ControlRequestError(400, 'seconds must be a number of seconds, 0 or more (0 lifts the rule)');
  }
  return { namePattern, seconds };
};

/**
 * The local cloud's own API under `/_local/` (a path no AWS client uses), for tests, demos
 * and `local serve` users: health, reset, fault rules, a busy switch for Redshift Serverless
 * namespaces and statistics. JSON in and out; bad input is a 400 with a message.
 */
export const createControlApi = (options: ControlApiOptions): ((request: ControlRequest) => HttpResponse) => {
  const { faults } = options;

  const route = (method: string, path: string, body: Buffer): HttpResponse => {
    const subPath = path.slice(CONTROL_PATH_PREFIX.length).replace(/\/+$/, '');
    const expect = (...allowed: string[]): void => {
      if (!allowed.includes(method)) {
        throw new ControlRequestError(405, `${method} is not allowed on ${path} (use ${allowed.join(', ')})`);
      }
    };
    switch (subPath) {
      case '/health':
        expect('GET');
        return json(200, options.health());
      case '/reset':
        expect('POST');
        options.reset();
        faults.reset();
        return json(200, { reset: true });
      case '/faults':
        expect('GET', 'POST', 'DELETE');
        if (method === 'GET') return json(200, { faults: faults.list() });
        if (method === 'DELETE') {
          const removed = faults.list().length;
          faults.clear();
          return json(200, { removed });
        }
        return json(200, faults.add(parseFaultRule(parseObject(body))));
      case '/redshift-serverless/busy': {
        expect('POST');
        const { namePattern, seconds } = parseBusy(parseObject(body));
        try {
          options.markBusy(namePattern, seconds);
        } catch (error) {
          // The service validates the pattern itself; its refusal is the caller's mistake.
          throw new ControlRequestError(400, error instanceof Error ? error.message : String(error));
        }
        return json(200, { namePattern, seconds });
      }
      case '/stats':
        expect('GET');
        return json(200, { ...options.stats(), faultsHit: faults.hits() });
      default:
        if (subPath.startsWith('/faults/')) {
          expect('DELETE');
          const id = decodeURIComponent(subPath.slice('/faults/'.length));
          if (!faults.remove(id)) throw new ControlRequestError(404, `No fault rule with id ${id}`);
          return json(200, { removed: 1 });
        }
        for (const routes of options.routes ?? []) {
          const response = routes({ method, subPath, body: () => parseObject(body) });
          if (response !== undefined) return response;
        }
        throw new ControlRequestError(404, `No control route ${path}`);
    }
  };

  return ({ method, path, body }) => {
    try {
      return route(method, path, body);
    } catch (error) {
      if (error instanceof ControlRequestError) return json(error.statusCode, { message: error.message });
      if (error instanceof InvalidFaultRuleError) {
        return json(400, { message: error.message, field: error.field });
      }
      return json(500, { message: error instanceof Error ? error.message : String(error) });
    }
  };
};
