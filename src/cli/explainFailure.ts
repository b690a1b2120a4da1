import { isLoopbackEndpoint } from './sdkClientConfig.js';

/**
 * What the command line knew when a command failed: where it sent its requests and which
 * profile it used. The one-liners name them, so the fix can be copied as it stands.
 */
export interface FailureContext {
  /** `--endpoint-url`, or AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** `--profile`, or AWS_PROFILE. */
  readonly profile?: string;
}

/** The context of a command's failure: `--endpoint-url` / `--profile`, else their environment variables. */
export function failureContextOf(
  values: Readonly<Record<string, unknown>> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): FailureContext {
  const option = (name: string): string | undefined => {
    const value = values?.[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return {
    endpoint: option('endpoint-url') ?? (env.AWS_ENDPOINT_URL || undefined),
    profile: option('profile') ?? (env.AWS_PROFILE || undefined),
  };
}

/** The error codes AWS services use for "these credentials may not do this". */
const ACCESS_DENIED_ERROR_NAMES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
]);

/** `User: arn is not authorized to perform: svc:Action on resource: arn because …` (and its variants). */
const NOT_AUTHORIZED =
  /(?:User: (?<principal>\S+) )?is not authorized to perform: (?<action>[\w-]+:[\w*-]+)(?: on resource: (?<resource>\S+?))?(?=\.?(?:\s|$))/;
/** `… with an explicit deny in a service control policy`: no grant of ours fixes that one. */
const EXPLICIT_DENY = /with an explicit deny in (?:an? )?([\w -]*?policy)/;

interface ErrorFields {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly address?: string;
  readonly port?: number | string;
  readonly cause?: unknown;
}

/**
 * The one-line message, with its fix, for the failures a user meets in the first hour: nothing
 * listening at the endpoint, no credentials, access denied, a port in use, the local cloud still
 * starting. Undefined for anything else (the caller prints the raw error). Looks through
 * `cause` chains, so a typed error wrapping an SDK error is explained by what it wraps.
 */
export function explainFailure(error: unknown, context: FailureContext = {}): string | undefined {
  for (let current = error, depth = 0; isObject(current) && depth < 5; depth += 1) {
    const explained = explainOne(current as ErrorFields, context);
    if (explained !== undefined) return explained;
    current = (current as ErrorFields).cause;
  }
  return undefined;
}

function explainOne(error: ErrorFields, context: FailureContext): string | undefined {
  const code = error.code ?? codeInMessage(error.message);
  if (code === 'ECONNREFUSED') return nothingListening(error, context);
  if (code === 'EADDRINUSE') {
    const port = error.port ?? portInMessage(error.message);
    return `port ${port ?? '(unknown)'} is in use: pass --port with a free port (--port 0 picks one)`;
  }
  if (error.name === 'CredentialsProviderError') return noCredentials(context);
  if (error.name !== undefined && ACCESS_DENIED_ERROR_NAMES.has(error.name)) {
    return accessDenied(error.name, error.message ?? '', context);
  }
  if (error.name === 'ServiceUnavailable' && /starting/.test(error.message ?? '')) {
    const where =
      context.endpoint === undefined ? 'the local cloud' : `the local cloud at ${context.endpoint}`;
    return `${where} is still starting (deploying the automation): wait until \`copy-autopilot local serve\` prints "ready", then run this again`;
  }
  return undefined;
}

function nothingListening(error: ErrorFields, context: FailureContext): string {
  const url =
    context.endpoint ??
    (error.address === undefined ? 'the endpoint' : `${error.address}:${error.port ?? '?'}`);
  return isLoopback(url)
    ? `nothing is listening at ${url}: is \`copy-autopilot local serve\` running?`
    : `nothing is listening at ${url}: check --endpoint-url (or AWS_ENDPOINT_URL)`;
}

function noCredentials(context: FailureContext): string {
  if (context.profile !== undefined) {
    return `AWS profile ${context.profile} gives no credentials: check that ~/.aws/config (or ~/.aws/credentials) defines it, or run \`aws sso login --profile ${context.profile}\``;
  }
  return 'no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (or --profile P) naming a profile in ~/.aws/config; for the local cloud pass --endpoint-url http://127.0.0.1:4566';
}

function accessDenied(name: string, message: string, context: FailureContext): string {
  const credentials = context.profile === undefined ? 'the credentials in use' : `profile ${context.profile}`;
  const match = NOT_AUTHORIZED.exec(message);
  const action = match?.groups?.action;
  if (action === undefined) {
    return `access denied (${name}): ${message.trim() || 'no reason given'}: grant ${credentials} the action in an IAM policy`;
  }
  const who = match?.groups?.principal ?? credentials;
  const what = `${action} on ${match?.groups?.resource ?? 'any resource'}`;
  const deny = EXPLICIT_DENY.exec(message)?.[1];
  if (deny !== undefined) {
    return `access denied: ${who} may not ${what}: an explicit deny in a ${deny} refuses it; ask whoever manages that policy`;
  }
  // A member role that refuses AssumeRole is almost never missing a grant on the caller's side:
  // the role is not there (no member stack in that account) or does not trust the caller.
  if (action === 'sts:AssumeRole') {
    return `access denied: ${who} may not ${what}: deploy deploy/member-account.yml in that account, or make the role's trust policy name ${who}`;
  }
  return `access denied: ${who} may not ${what}: allow it in an IAM policy of that identity`;
}

function codeInMessage(message: string | undefined): string | undefined {
  return /\b(ECONNREFUSED|EADDRINUSE)\b/.exec(message ?? '')?.[1];
}

function portInMessage(message: string | undefined): string | undefined {
  return /:(\d+)\s*$/.exec(message ?? '')?.[1];
}

/** `--endpoint-url`'s URL, or the `address:port` a refused connection names. */
function isLoopback(url: string): boolean {
  return isLoopbackEndpoint(url.includes('://') ? url : `http://${url}`);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
