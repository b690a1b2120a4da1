import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_BACKOFF, MAX_VISIBILITY_TIMEOUT_SECONDS } from '../domain/backoff.js';
import { isAccountId, QUEUE_URL_PATTERN } from '../domain/identifiers.js';
import { ConfigError } from './configError.js';

/** The environment a function's configuration is read from: `process.env`, or a plain object in tests. */
export type Environment = NodeJS.ProcessEnv | Readonly<Record<string, string | undefined>>;

/** A variable's trimmed value; unset and blank are the same thing (`undefined`). */
export function readOptional(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** @throws ConfigError when the variable is unset or blank. */
export function readRequired(env: Environment, name: string): string {
  const value = readOptional(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required');
  return value;
}

/**
 * The absolute path of the compiled policy bundled with a function: POLICY_FILE resolved against
 * LAMBDA_TASK_ROOT, so the worker and the sweep read the same file. Required: the build names
 * the compiled file (`\${copyPolicy:compiledFile}`), and no default could guess its name.
 */
export function readPolicyFile(env: Environment): string {
  const root = readOptional(env, 'LAMBDA_TASK_ROOT') ?? process.cwd();
  const policyPath = readRequired(env, 'POLICY_FILE');
  return isAbsolute(policyPath) ? policyPath : resolve(root, policyPath);
}

/**
 * A positive number (an integer when `integer`), or `fallback` when unset.
 *
 * @throws ConfigError when the value is not one.
 */
export function readPositiveNumber(
  env: Environment,
  name: string,
  fallback: number,
  { integer = false }: { integer?: boolean } = {},
): number {
  const raw = readOptional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigError(name, `must be a positive ${integer ? 'integer' : 'number'}, got '${raw}'`);
  }
  return value;
}

/** A backoff in whole seconds (src/domain/backoff.ts), its variables named by the caller. */
export interface BackoffSettings {
  readonly baseSeconds: number;
  readonly maxSeconds: number;
}

/**
 * Reads a backoff's base and cap (defaults: DEFAULT_BACKOFF).
 *
 * @throws ConfigError when either is not a positive integer, the cap is below the base, or the
 * cap exceeds what ChangeMessageVisibility accepts.
 */
export function readBackoff(
  env: Environment,
  names: { readonly base: string; readonly max: string },
  defaults: BackoffSettings = DEFAULT_BACKOFF,
): BackoffSettings {
  const baseSeconds = readPositiveNumber(env, names.base, defaults.baseSeconds, { integer: true });
  const maxSeconds = readPositiveNumber(env, names.max, defaults.maxSeconds, { integer: true });
  if (maxSeconds < baseSeconds) throw new ConfigError(names.max, `must not be smaller than ${names.base}`);
  if (maxSeconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw new ConfigError(
      names.max,
      `must not exceed ${MAX_VISIBILITY_TIMEOUT_SECONDS} (12 hours, the SQS maximum)`,
    );
  }
  return { baseSeconds, maxSeconds };
}

/**
 * AWS_ACCOUNT_ID, the function's own account, which tells home from member accounts. Nothing
 * looks it up (no STS call, no grant for one): serverless.yml sets it from AWS::AccountId.
 *
 * @throws ConfigError when it is unset or not 12 digits.
 */
export function readAccountId(env: Environment): string {
  const accountId = readRequired(env, 'AWS_ACCOUNT_ID');
  if (!isAccountId(accountId)) {
    throw new ConfigError('AWS_ACCOUNT_ID', `must be 12 digits, got '${accountId}'`);
  }
  return accountId;
}

/** A queue URL variable. */
export function readQueueUrl(env: Environment, name: string): string {
  const url = readRequired(env, name);
  if (!QUEUE_URL_PATTERN.test(url)) throw new ConfigError(name, `must be a queue URL, got '${url}'`);
  return url;
}
