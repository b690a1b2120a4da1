import { DEFAULT_BACKOFF, MAX_VISIBILITY_TIMEOUT_SECONDS } from '../domain/backoff.js';
import { isAccountId } from '../domain/identifiers.js';
import { ConfigError } from './configError.js';
import { type Environment, readOptional, readPolicyFile, readRequired } from './readEnvironment.js';

/** Everything the copy worker reads from its environment, validated once at cold start. */
export interface WorkerConfig {
  /** Absolute path of the policy file bundled with the function. */
  readonly policyFile: string;
  readonly idempotencyTableName: string;
  readonly deadLetterQueueUrl: string;
  readonly backoff: { readonly baseSeconds: number; readonly maxSeconds: number };
  readonly idempotencyTtlSeconds: number;
  /** The function's home region (its queues live here). */
  readonly region: string;
  /**
   * The function's own account (AWS_ACCOUNT_ID), which tells home from member accounts: the only
   * account reached with the function's own credentials. Required: without it no record could be
   * told apart from one naming another account. (The member role name and the scope come from the
   * policy file.)
   */
  readonly accountId: string;
  /** Local cloud endpoint; the SDK honours AWS_ENDPOINT_URL itself, we pass it on explicitly too. */
  readonly endpointUrl?: string;
}

function positiveInteger(env: Environment, name: string, fallback: number): number {
  const raw = readOptional(env, name);
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
export function loadWorkerConfig(env: Environment): WorkerConfig {
  const backoff = {
    baseSeconds: positiveInteger(env, 'BACKOFF_BASE_SECONDS', DEFAULT_BACKOFF.baseSeconds),
    maxSeconds: positiveInteger(env, 'BACKOFF_MAX_SECONDS', DEFAULT_BACKOFF.maxSeconds),
  };
  if (backoff.maxSeconds < backoff.baseSeconds) {
    throw new ConfigError('BACKOFF_MAX_SECONDS', 'must not be smaller than BACKOFF_BASE_SECONDS');
  }
  if (backoff.maxSeconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw new ConfigError(
      'BACKOFF_MAX_SECONDS',
      `must not exceed ${MAX_VISIBILITY_TIMEOUT_SECONDS} (12 hours, the SQS maximum)`,
    );
  }
  const accountId = readRequired(env, 'AWS_ACCOUNT_ID');
  if (!isAccountId(accountId)) {
    throw new ConfigError('AWS_ACCOUNT_ID', `must be 12 digits, got '${accountId}'`);
  }
  const deadLetterQueueUrl = readRequired(env, 'DEAD_LETTER_QUEUE_URL');
  if (!/^https?:\/\//.test(deadLetterQueueUrl)) {
    throw new ConfigError('DEAD_LETTER_QUEUE_URL', `must be a queue URL, got '${deadLetterQueueUrl}'`);
  }
  const endpointUrl = readOptional(env, 'AWS_ENDPOINT_URL');
  return {
    policyFile: readPolicyFile(env),
    idempotencyTableName: readRequired(env, 'IDEMPOTENCY_TABLE_NAME'),
    deadLetterQueueUrl,
    backoff,
    idempotencyTtlSeconds: positiveInteger(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400),
    region: readRequired(env, 'AWS_REGION'),
    accountId,
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
  };
}
