import { DEFAULT_EVENT_BUS } from '../events/constants.js';
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

/** Everything the sweep worker reads from its environment, validated once at cold start. */
export interface SweepWorkerConfig {
  /** Absolute path of the policy file bundled with the function. */
  readonly policyFile: string;
  /** The bus the stack's "Snapshot Copy Requested" rule listens on (name or ARN), in the home region. */
  readonly eventBusName: string;
  /** Namespaces whose tags are read at once. */
  readonly concurrency: number;
  /** Redshift Serverless calls per second, per target (an account's limits are per region). */
  readonly ratePerSecond: number;
  /** Where a task the worker gives up on goes, with its reason. */
  readonly deadLetterQueueUrl: string;
  /** The task queue's maxReceiveCount: the worker dead-letters on that attempt itself. */
  readonly maxAttempts: number;
  readonly backoff: BackoffSettings;
  /** The function's home region: its queues and its bus live here. */
  readonly region: string;
  /** The function's own account: swept with its own credentials. */
  readonly accountId: string;
  readonly endpointUrl?: string;
}

/** A target is retried after 60 s, 120 s, 240 s…: throttling and outages pass in minutes. */
export const SWEEP_BACKOFF = { baseSeconds: 60, maxSeconds: 900 } as const satisfies BackoffSettings;

/**
 * Reads and validates the sweep worker's configuration. The names are the sweep's own
 * (SWEEP_…): the local runner runs every function in one process, so a name shared with the
 * copy worker would read the other function's value.
 *
 * @throws ConfigError naming the first variable that is missing or malformed.
 */
export function loadSweepWorkerConfig(env: Environment): SweepWorkerConfig {
  const endpointUrl = readOptional(env, 'AWS_ENDPOINT_URL');
  return {
    policyFile: readPolicyFile(env),
    eventBusName: readOptional(env, 'EVENT_BUS_NAME') ?? DEFAULT_EVENT_BUS,
    concurrency: readPositiveNumber(env, 'SWEEP_CONCURRENCY', 4, { integer: true }),
    ratePerSecond: readPositiveNumber(env, 'SWEEP_RATE_PER_SECOND', 10),
    deadLetterQueueUrl: readQueueUrl(env, 'SWEEP_TASKS_DEAD_LETTER_QUEUE_URL'),
    maxAttempts: readPositiveNumber(env, 'SWEEP_TASK_MAX_RECEIVE_COUNT', 5, { integer: true }),
    backoff: readBackoff(
      env,
      { base: 'SWEEP_BACKOFF_BASE_SECONDS', max: 'SWEEP_BACKOFF_MAX_SECONDS' },
      SWEEP_BACKOFF,
    ),
    region: readRequired(env, 'AWS_REGION'),
    accountId: readAccountId(env),
    endpointUrl,
  };
}
