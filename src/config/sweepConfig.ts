import { ConfigError } from './configError.js';
import { type Environment, readOptional, readPolicyFile, readRequired } from './readEnvironment.js';

/** Everything the scheduled sweep reads from its environment, validated once at cold start. */
export interface SweepConfig {
  /** Absolute path of the policy file bundled with the function. */
  readonly policyFile: string;
  /** The bus the stack's "Snapshot Copy Requested" rule listens on (name or ARN). */
  readonly eventBusName: string;
  /** Namespaces whose tags and copy configurations are read at once. */
  readonly concurrency: number;
  /** Redshift Serverless calls per second. */
  readonly ratePerSecond: number;
  /** The function's region: the one it sweeps. */
  readonly region: string;
  readonly endpointUrl?: string;
}

function positiveNumber(env: Environment, name: string, fallback: number, integer: boolean): number {
  const raw = readOptional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigError(name, `must be a positive ${integer ? 'integer' : 'number'}, got '${raw}'`);
  }
  return value;
}

/**
 * Reads and validates the sweep's configuration. POLICY_FILE is resolved against
 * LAMBDA_TASK_ROOT, as the worker's is, so both read the same bundled file.
 *
 * @throws ConfigError naming the first variable that is missing or malformed.
 */
export function loadSweepConfig(env: Environment): SweepConfig {
  const region = readRequired(env, 'AWS_REGION');
  const endpointUrl = readOptional(env, 'AWS_ENDPOINT_URL');
  return {
    policyFile: readPolicyFile(env),
    eventBusName: readOptional(env, 'EVENT_BUS_NAME') ?? 'default',
    concurrency: positiveNumber(env, 'SWEEP_CONCURRENCY', 4, true),
    ratePerSecond: positiveNumber(env, 'SWEEP_RATE_PER_SECOND', 10, false),
    region,
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
  };
}
