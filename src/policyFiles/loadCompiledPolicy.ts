import { readFileSync } from 'node:fs';
import type { Policy } from '../domain/policy/types.js';
import { validatePolicy } from '../domain/policy/validatePolicy.js';
import { PolicyFileError } from './errors.js';

/**
 * Loads a policy compiled to JSON at build time (compilePolicyFile) and validates it again with
 * the same validator: the functions trust no file they did not check. Deliberately free of the
 * YAML parser, which would otherwise be bundled into every function.
 *
 * @throws PolicyFileError when the file cannot be read or is not JSON
 * @throws PolicyValidationError when its content is not a valid policy
 */
export function loadCompiledPolicySync(path: string): Policy {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyFileError(path, { cause: error });
  }
  return validatePolicy(document);
}
