import { isAbsolute, resolve } from 'node:path';
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
