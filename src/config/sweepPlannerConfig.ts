import {
  type Environment,
  readAccountId,
  readOptional,
  readPolicyFile,
  readQueueUrl,
  readRequired,
} from './readEnvironment.js';

/** Everything the sweep planner reads from its environment, validated once at cold start. */
export interface SweepPlannerConfig {
  /** Absolute path of the policy file bundled with the function: its `scope` is what is planned. */
  readonly policyFile: string;
  /** The queue the planner sends one task per (account, region) to. */
  readonly taskQueueUrl: string;
  /** The home region: the target when the policy has no scope, and where the queue lives. */
  readonly region: string;
  /** The home account: always in scope, its regions listed without naming it. */
  readonly accountId: string;
  readonly endpointUrl?: string;
}

/**
 * Reads and validates the planner's configuration.
 *
 * @throws ConfigError naming the first variable that is missing or malformed.
 */
export function loadSweepPlannerConfig(env: Environment): SweepPlannerConfig {
  return {
    policyFile: readPolicyFile(env),
    taskQueueUrl: readQueueUrl(env, 'SWEEP_TASKS_QUEUE_URL'),
    region: readRequired(env, 'AWS_REGION'),
    accountId: readAccountId(env),
    endpointUrl: readOptional(env, 'AWS_ENDPOINT_URL'),
  };
}
