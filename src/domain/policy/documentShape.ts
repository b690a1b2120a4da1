import type { ReportIssue } from './issueReporter.js';

/**
 * Shape checks on the untyped document (what YAML or JSON produced), shared by every level of
 * the validator so each level reports unknown keys and wrong types the same way.
 */

/** A YAML mapping / JSON object (not null, not a list). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value reads in a message: `"us-west-9"`, `7.5`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/**
 * Reports every key of `mapping` that is not in `allowed`. A typo (`retention` for
 * `retentionDays`) silently ignored would be a policy that does something else than it says.
 */
export function reportUnknownKeys(
  mapping: Record<string, unknown>,
  allowed: readonly string[],
  at: readonly (string | number)[],
  report: ReportIssue,
): void {
  for (const key of Object.keys(mapping)) {
    if (allowed.includes(key)) continue;
    const suggestion = allowed.find((candidate) => resembles(candidate, key));
    const hint =
      suggestion === undefined ? `allowed: ${allowed.join(', ')}` : `did you mean "${suggestion}"?`;
    report([...at, key], `unknown key "${key}" (${hint})`);
  }
}

/** Same key but for case, `-`/`_`, or a truncation (`retention` for `retentionDays`). */
function resembles(candidate: string, key: string): boolean {
  const wanted = normalizeKey(candidate);
  const given = normalizeKey(key);
  return wanted === given || (given.length >= 4 && wanted.startsWith(given));
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}
