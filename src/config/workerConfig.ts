import {
  type BackoffSettings,
  type Environment,
  readAccountId,
  readBackoff,
  readOptional,
  readPolicyFile,
  readPositiveNumber,
  readQueueUrl,
  readRequired,
} from './readEnvironment.js';

/** Everything the copy worker reads from its environment, validated once at cold start. */
export interface WorkerConfig {
  /** Absolute path of the policy file bundled with the function. */
  readonly policyFile: string;
  readonly idempotencyTableName: string;
  readonly deadLetterQueueUrl: string;
  readonly backoff: BackoffSettings;
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

/**
 * Reads and validates the worker's configuration. Call it once, at the edge (module scope of
 * the handler), and pass the result in.
 *
 * @throws ConfigError naming the first variable that is missing or malformed.
 */
export function loadWorkerConfig(env: Environment): WorkerConfig {
  const backoff = readBackoff(env, { base: 'BACKOFF_BASE_SECONDS', max: 'BACKOFF_MAX_SECONDS' });
  const accountId = readAccountId(env);
  const deadLetterQueueUrl = readQueueUrl(env, 'DEAD_LETTER_QUEUE_URL');
  const endpointUrl = readOptional(env, 'AWS_ENDPOINT_URL');
  return {
    policyFile: readPolicyFile(env),
    idempotencyTableName: readRequired(env, 'IDEMPOTENCY_TABLE_NAME'),
    deadLetterQueueUrl,
    backoff,
    idempotencyTtlSeconds: readPositiveNumber(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400, { integer: true }),
    region: readRequired(env, 'AWS_REGION'),
    accountId,
    endpointUrl,
  };
}
