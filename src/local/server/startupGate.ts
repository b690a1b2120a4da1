import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsServiceError } from '../protocol/serviceError.js';

/** The header the deployer's own clients carry to pass the gate while the cloud starts. */
export const DEPLOYER_PASS_HEADER = 'x-local-cloud-deployer-pass';

/** What every AWS request gets while the gate is closed (the control API is never gated). */
export const STARTING_MESSAGE =
  'the local cloud is starting: the automation is being deployed; retry in a few seconds (GET /_local/health says "ready": true once it is up)';

/**
 * Whether the local cloud serves AWS requests yet. `local serve` opens its port before it
 * deploys serverless.yml (the deploy itself goes through that port, with real SDK clients);
 * until the deploy is done, a namespace created by someone else would raise a CloudTrail event
 * no rule forwards yet, and would never be protected. So AWS requests are refused with a 503
 * ServiceUnavailable and `Retry-After` (SDK v3 waits that long before its retries) until
 * `open()`, except the deployer's, which carry the pass header with this gate's own token.
 */
export interface StartupGate {
  readonly ready: boolean;
  /** Every request is served from now on. */
  open(): void;
  /** The header and value that let a request through while the gate is closed. */
  readonly pass: { readonly header: string; readonly value: string };
  /** Seconds a refused client is told to wait (`Retry-After`). */
  readonly retryAfterSeconds: number;
  /** True when this request must wait: the gate is closed and it carries no pass. */
  refuses(headers: IncomingHttpHeaders): boolean;
}

export interface StartupGateOptions {
  /** Open from the start (a cloud with nothing to deploy); true by default. */
  readonly ready?: boolean;
  readonly retryAfterSeconds?: number;
}

/** A gate; the pass token is random, so no ordinary client passes it by accident. */
export function createStartupGate(options: StartupGateOptions = {}): StartupGate {
  let ready = options.ready ?? true;
  const pass = { header: DEPLOYER_PASS_HEADER, value: randomUUID() };
  return {
    get ready() {
      return ready;
    },
    open() {
      ready = true;
    },
    pass,
    retryAfterSeconds: options.retryAfterSeconds ?? 3,
    refuses: (headers) => !ready && headers[pass.header] !== pass.value,
  };
}

/** The refusal, as AWS spells an unavailable service: `ServiceUnavailable`, HTTP 503, the server's fault. */
export function startingError(): AwsServiceError {
  return new AwsServiceError('ServiceUnavailable', STARTING_MESSAGE, { statusCode: 503, senderFault: false });
}
