import { isAbsolute, resolve } from 'node:path';
import { CopyAutopilotError } from '../domain/errors.js';

/** Everything the copy worker reads from its environment, validated once at cold start. */
export interface WorkerConfig {
  /** Absolute path of the policy file bundled with the function. */
  readonly policyFile: string;
  readonly idempotencyTableName: string;
  readonly deadLetterQueueUrl: string;
  /** Role to assume in member accounts; absent = only the function's own account is reachable. */
  readonly memberRoleName?: string;
  readonly backoff: { readonly baseSeconds: number; readonly maxSeconds: number };
  readonly idempotencyTtlSeconds: number;
  /** The function's home region (its queues live here). */
  readonly region: string;
  /** The function's own account when known up front; otherwise looked up once through STS. */
  readonly accountId?: string;
  /** Local cloud endpoint; the SDK honours AWS_ENDPOINT_URL itself, we pass it on explicitly too. */
  readonly endpointUrl?: string;
}

/** A missing or malformed environment variable; names the variable so the fix is obvious. */
export class ConfigError extends CopyAutopilotError {
  public readonly variable: string;

  public constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = NodeJS.ProcessEnv | Readonly<Record<string, string | undefined>>;

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required');
  return value;
}

function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw new ConfigError(name, `must be a positive integer, got '${raw}'`);
  }
  return Number(raw);
}

/**
 * Reads and validates the worker's configuration. Call it once, at the edge (module scope of
 * the handler), and pass the result in.
 *
 * @throws ConfigError naming the first variable that is missing or malformed.
 */
export function loadWorkerConfig(env: Env): WorkerConfig {
  const root = optional(env, 'LAMBDA_TASK_ROOT') ?? process.cwd();
  const policyPath = optional(env, 'POLICY_FILE') ?? 'copy-policy.yml';
  const backoff = {
    baseSeconds: positiveInteger(env, 'BACKOFF_BASE_SECONDS', 5),
    maxSeconds: positiveInteger(env, 'BACKOFF_MAX_SECONDS', 900),
  };
  if (backoff.maxSeconds < backoff.baseSeconds) {
    throw new ConfigError('BACKOFF_MAX_SECONDS', 'must not be smaller than BACKOFF_BASE_SECONDS');
  }
  // SQS caps a message's visibility timeout at 12 hours.
  if (backoff.maxSeconds > 43_200) {
    throw new ConfigError('BACKOFF_MAX_SECONDS', 'must not exceed 43200 (12 hours, the SQS maximum)');
  }
  const accountId = optional(env, 'AWS_ACCOUNT_ID');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    throw new ConfigError('AWS_ACCOUNT_ID', `must be 12 digits, got '${accountId}'`);
  }
  const deadLetterQueueUrl = required(env, 'DEAD_LETTER_QUEUE_URL');
  if (!/^https?:\/\//.test(deadLetterQueueUrl)) {
    throw new ConfigError('DEAD_LETTER_QUEUE_URL', `must be a queue URL, got '${deadLetterQueueUrl}'`);
  }
  const memberRoleName = optional(env, 'MEMBER_ROLE_NAME');
  const endpointUrl = optional(env, 'AWS_ENDPOINT_URL');
  return {
    policyFile: isAbsolute(policyPath) ? policyPath : resolve(root, policyPath),
    idempotencyTableName: required(env, 'IDEMPOTENCY_TABLE_NAME'),
    deadLetterQueueUrl,
    backoff,
    idempotencyTtlSeconds: positiveInteger(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400),
    region: required(env, 'AWS_REGION'),
    ...(memberRoleName === undefined ? {} : { memberRoleName }),
    ...(accountId === undefined ? {} : { accountId }),
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
  };
}
