import { readFileSync } from 'node:fs';

/**
 * The version in package.json, which `--version` prints. Read from the file beside src/ (the
 * CLI runs from its sources through tsx, so there is no build step to stamp it in).
 */
export function readPackageVersion(packageJson = new URL('../../package.json', import.meta.url)): string {
  const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}
