import { describeValue, isMapping, reportUnknownKeys } from './documentShape.js';
import { type ReportIssue, trackingReporter } from './issueReporter.js';
import {
  DeletedConfigurationMode,
  type ExistingConfigurationMode,
  ExistingConfigurationMode as Modes,
  type PolicyRule,
} from './types.js';
import { validateCopyTo } from './validateCopyTo.js';
import { validateRuleMatch } from './validateRuleMatch.js';

const RULE_KEYS = ['name', 'match', 'skip', 'copyTo', 'onExisting', 'onDeleted'] as const;
const EXISTING_MODES: readonly string[] = Object.values(Modes);
const DELETED_MODES: readonly string[] = Object.values(DeletedConfigurationMode);

/** Lower-case letters, digits and `-`, up to 63 characters: safe in logs, metrics and DLQ attributes. */
export const RULE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** What to do with an existing configuration when the rule does not say: report, never write. */
export const DEFAULT_ON_EXISTING: ExistingConfigurationMode = Modes.Report;

/**
 * What to do when someone deletes or changes the configuration and the rule does not say: put
 * the policy's configuration back. The policy is the desired state; a person who wants a
 * namespace left alone says so with a `skip` rule.
 */
export const DEFAULT_ON_DELETED: DeletedConfigurationMode = DeletedConfigurationMode.Restore;

/** The rule's name when it is a usable label for messages, even if it breaks the naming rule. */
export function ruleLabel(raw: unknown): string | undefined {
  return isMapping(raw) && typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
}

/**
 * Checks one entry of `rules`. Returns the rule only when it is entirely valid; otherwise every
 * problem found in it has been reported.
 */
export function validatePolicyRule(raw: unknown, index: number, report: ReportIssue): PolicyRule | undefined {
  const at = ['rules', index] as const;
  if (!isMapping(raw)) {
    report(at, `must be a mapping with name, match, and skip: true or copyTo; got ${describeValue(raw)}`);
    return undefined;
  }
  const tracker = trackingReporter(report);
  const fail = tracker.report;
  reportUnknownKeys(raw, RULE_KEYS, at, fail);

  const name = validateRuleName(raw.name, [...at, 'name'], fail);
  const match = validateRuleMatch(raw.match, [...at, 'match'], fail);

  const skipIsBoolean = raw.skip === undefined || typeof raw.skip === 'boolean';
  if (!skipIsBoolean) {
    fail([...at, 'skip'], `must be true (or leave it out and give copyTo); got ${describeValue(raw.skip)}`);
  }
  const skips = raw.skip === true;
  const copies = raw.copyTo !== undefined;
  if (skips && copies) fail(at, 'give exactly one of `skip: true` and `copyTo`, not both');
  else if (!skips && !copies && skipIsBoolean) fail(at, 'give exactly one of `skip: true` and `copyTo`');
  for (const key of ['onExisting', 'onDeleted'] as const) {
    if (skips && raw[key] !== undefined)
      fail([...at, key], 'only applies to rules with copyTo (this rule skips)');
  }

  // With an invalid match the source regions are unknown; the destination-is-source check then
  // waits for the match to be fixed rather than guessing.
  const copyTo = copies
    ? validateCopyTo(raw.copyTo, [...at, 'copyTo'], match?.sourceRegions, fail)
    : undefined;
  const onExisting = skips
    ? undefined
    : validateMode(raw.onExisting, [...at, 'onExisting'], EXISTING_MODES, DEFAULT_ON_EXISTING, fail);
  const onDeleted = skips
    ? undefined
    : validateMode(raw.onDeleted, [...at, 'onDeleted'], DELETED_MODES, DEFAULT_ON_DELETED, fail);

  if (!tracker.valid() || name === undefined || match === undefined) return undefined;
  if (skips) return Object.freeze({ name, match, skip: true as const });
  if (copyTo === undefined || onExisting === undefined || onDeleted === undefined) return undefined;
  return Object.freeze({ name, match, copyTo, onExisting, onDeleted });
}

function validateRuleName(raw: unknown, at: readonly (string | number)[], report: ReportIssue) {
  if (raw === undefined) {
    report(at, 'required: every rule has a name (it appears in logs, metrics and dead-letter messages)');
    return undefined;
  }
  if (typeof raw !== 'string') {
    report(at, `must be a string; got ${describeValue(raw)}`);
    return undefined;
  }
  if (!RULE_NAME_PATTERN.test(raw)) {
    report(
      at,
      `"${raw}" is not a valid rule name: use 1–63 lower-case letters, digits and "-", starting with a letter or digit`,
    );
    return undefined;
  }
  return raw;
}

/** One of `modes`, or `fallback` when the key is left out. */
function validateMode<Mode extends string>(
  raw: unknown,
  at: readonly (string | number)[],
  modes: readonly string[],
  fallback: Mode,
  report: ReportIssue,
): Mode | undefined {
  if (raw === undefined) return fallback;
  if (typeof raw === 'string' && modes.includes(raw)) return raw as Mode;
  report(at, `must be one of ${modes.join(', ')}; got ${describeValue(raw)}`);
  return undefined;
}
