import { isAccountId, isAwsRegion } from '../identifiers.js';
import { describeValue } from './documentShape.js';
import type { ReportIssue } from './issueReporter.js';

/**
 * The lists of AWS identifiers a policy holds (accounts and regions, in a rule's `match` and in
 * `scope`), checked the same way wherever they appear.
 */

type Path = readonly (string | number)[];

/**
 * A list of 12-digit account ids. Returns the ids as strings (entries in error were reported and
 * left out); undefined when the value is not a non-empty list at all.
 *
 * @param whenOmitted - what leaving the key out means, for the empty-list message
 */
export function validateAccountList(
  raw: unknown,
  at: Path,
  whenOmitted: string,
  report: ReportIssue,
): readonly string[] | undefined {
  const items = validateNonEmptyList(raw, at, 'AWS account ids', whenOmitted, report);
  if (items === undefined) return undefined;
  const accounts: string[] = [];
  items.forEach((item, index) => {
    // An unquoted 12-digit id reaches us as a number; it is unambiguous only with 12 digits
    // (YAML drops the leading zeros of `012345678901`).
    const account = typeof item === 'number' && Number.isInteger(item) ? String(item) : item;
    if (typeof account === 'string' && isAccountId(account)) {
      accounts.push(account);
    } else if (typeof item === 'number') {
      report([...at, index], `${item} is not a 12-digit AWS account id (quote account ids in YAML)`);
    } else {
      report([...at, index], `${describeValue(item)} is not a 12-digit AWS account id`);
    }
  });
  return Object.freeze(accounts);
}

/** A list of known region names (src/domain/awsRegions.ts); same contract as validateAccountList. */
export function validateRegionList(
  raw: unknown,
  at: Path,
  whenOmitted: string,
  report: ReportIssue,
): readonly string[] | undefined {
  const items = validateNonEmptyList(raw, at, 'region names', whenOmitted, report);
  if (items === undefined) return undefined;
  const regions: string[] = [];
  items.forEach((item, index) => {
    if (typeof item === 'string' && isAwsRegion(item)) regions.push(item);
    else if (typeof item === 'string') report([...at, index], `unknown region "${item}"`);
    else report([...at, index], `must be a region name such as "us-east-1"; got ${describeValue(item)}`);
  });
  return Object.freeze(regions);
}

/** A list with at least one entry: an empty list is never what the author meant. */
export function validateNonEmptyList(
  raw: unknown,
  at: Path,
  what: string,
  whenOmitted: string,
  report: ReportIssue,
): readonly unknown[] | undefined {
  if (!Array.isArray(raw)) {
    report(at, `must be a list of ${what}; got ${describeValue(raw)}`);
    return undefined;
  }
  if (raw.length === 0) {
    report(at, `must not be empty: list at least one, or leave the key out ${whenOmitted}`);
    return undefined;
  }
  return raw;
}
