import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Policy } from '../domain/policy/types.js';
import { PolicyFileError } from './errors.js';
import { parsePolicy } from './parsePolicy.js';

/**
 * Reads and validates a policy file. Used by the CLI (`policy check`) and the build.
 *
 * @throws PolicyFileError when the file cannot be read
 * @throws PolicyValidationError when its content is not a valid policy (naming the file)
 */
export async function loadPolicyFile(path: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyFileError(path, { cause: error });
  }
  return parsePolicy(text, { source: path });
}

/**
 * The same, synchronously: for a Lambda's cold start, where the policy is loaded once at module
 * scope (top-level await is not an option in every bundling mode).
 *
 * @throws PolicyFileError when the file cannot be read
 * @throws PolicyValidationError when its content is not a valid policy (naming the file)
 */
export function loadPolicyFileSync(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyFileError(path, { cause: error });
  }
  return parsePolicy(text, { source: path });
}
