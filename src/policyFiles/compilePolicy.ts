import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toPolicyDocument } from '../domain/policy/toPolicyDocument.js';
import type { Policy } from '../domain/policy/types.js';
import { loadPolicyFileSync } from './loadPolicyFile.js';

export interface CompiledPolicy {
  /** Absolute path of the JSON file written. */
  readonly file: string;
  readonly policy: Policy;
}

/**
 * Validates a YAML policy and writes it as JSON, the form the functions load at cold start:
 * JSON.parse instead of a YAML parser keeps ~110 KB out of each bundle and time out of each
 * cold start. The file is named after its content, so packagings of different policies (tests,
 * the local cloud) never overwrite each other's.
 *
 * @throws PolicyFileError / PolicyValidationError, as loadPolicyFileSync
 */
export function compilePolicyFile(sourcePath: string, outputDir: string): CompiledPolicy {
  const policy = loadPolicyFileSync(sourcePath);
  const json = `${JSON.stringify(toPolicyDocument(policy), null, 2)}\n`;
  const digest = createHash('sha256').update(json).digest('hex').slice(0, 12);
  mkdirSync(outputDir, { recursive: true });
  const file = join(outputDir, `policy-${digest}.json`);
  writeFileSync(file, json);
  return { file, policy };
}
