import { isAccountId, isAwsRegion } from '../identifiers.js';
import { describeValue } from './documentShape.js';
import type { ReportIssue } from './issueReporter.js';

/**
 * The lists of AWS identifiers a policy holds (accounts and regions, in a rule's `match` and in
 * `scope`), checked the same way wherever they appear.
 */

type Path = readonly (string | number)[];

/** An item read as the identifier it names, or the reason it is not one. */
type ReadItem = (item: unknown) => { readonly value: string } | { readonly problem: string };

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
  return validateItems(raw, at, { what: 'AWS account ids', whenOmitted, read: readAccountId }, report);
}

/** A list of known region names (src/domain/awsRegions.ts); same contract as validateAccountList. */
export function validateRegionList(
  raw: unknown,
  at: Path,
  whenOmitted: string,
  report: ReportIssue,
): readonly string[] | undefined {
  return validateItems(raw, at, { what: 'region names', whenOmitted, read: readRegion }, report);
}

function readAccountId(item: unknown): ReturnType<ReadItem> {
  // An unquoted 12-digit id reaches us as a number; it is unambiguous only with 12 digits
  // (YAML drops the leading zeros of `012345678901`).
  const account = typeof item === 'number' && Number.isInteger(item) ? String(item) : item;
  if (typeof account === 'string' && isAccountId(account)) return { value: account };
  if (typeof item === 'number')
    return { problem: `${item} is not a 12-digit AWS account id (quote account ids in YAML)` };
  return { problem: `${describeValue(item)} is not a 12-digit AWS account id` };
}

function readRegion(item: unknown): ReturnType<ReadItem> {
  if (typeof item === 'string' && isAwsRegion(item)) return { value: item };
  if (typeof item === 'string') return { problem: `unknown region "${item}"` };
  return { problem: `must be a region name such as "us-east-1"; got ${describeValue(item)}` };
}

/** Every item read with `list.read`; each one in error reported at its index and left out. */
function validateItems(
  raw: unknown,
  at: Path,
  list: { readonly what: string; readonly whenOmitted: string; readonly read: ReadItem },
  report: ReportIssue,
): readonly string[] | undefined {
  const items = validateNonEmptyList(raw, at, list.what, list.whenOmitted, report);
  if (items === undefined) return undefined;
  const values: string[] = [];
  items.forEach((item, index) => {
    const read = list.read(item);
    if ('value' in read) values.push(read.value);
    else report([...at, index], read.problem);
  });
  return Object.freeze(values);
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
