import { partitionOf } from '../awsRegions.js';
import { ORGANIZATIONAL_UNIT_ID_PATTERN, ROLE_NAME_PATTERN } from '../identifiers.js';
import { describeValue, isMapping, reportUnknownKeys } from './documentShape.js';
import { type ReportIssue, trackingReporter } from './issueReporter.js';
import type { PolicyScope, ScopeAccounts, ScopeRegions } from './types.js';
import { validateAccountList, validateNonEmptyList, validateRegionList } from './validateIdentifierLists.js';

const SCOPE_KEYS = ['accounts', 'organizationalUnits', 'regions', 'memberRoleName'] as const;

/** `scope.accounts: organization`: every ACTIVE account of the AWS Organization. */
export const ORGANIZATION = 'organization';
/** `scope.regions: all-enabled`: every region each account has enabled. */
export const ALL_ENABLED_REGIONS = 'all-enabled';

type Path = readonly (string | number)[];

/**
 * Checks the policy's `scope`: which accounts and regions the autopilot is responsible for and
 * the role it assumes in accounts other than its own. Returns the scope only when it is entirely
 * valid; otherwise every problem found in it has been reported.
 */
export function validatePolicyScope(raw: unknown, report: ReportIssue): PolicyScope | undefined {
  const at = ['scope'] as const;
  if (!isMapping(raw)) {
    report(at, `must be a mapping with accounts, regions and memberRoleName; got ${describeValue(raw)}`);
    return undefined;
  }
  const tracker = trackingReporter(report);
  const fail = tracker.report;
  reportUnknownKeys(raw, SCOPE_KEYS, at, fail);
  if (Object.keys(raw).length === 0) {
    fail(
      at,
      'is empty: give accounts and/or regions, or leave scope out (the stack’s own account and region)',
    );
  }

  const accounts = validateScopeAccounts(raw, fail);
  const regions = raw.regions === undefined ? undefined : validateScopeRegions(raw.regions, fail);
  const memberRoleName = validateMemberRoleName(raw, fail);

  if (!tracker.valid() || accounts === undefined) return undefined;
  const scope: { accounts: ScopeAccounts; regions?: ScopeRegions; memberRoleName?: string } = { accounts };
  if (regions !== undefined) scope.regions = regions;
  if (memberRoleName !== undefined) scope.memberRoleName = memberRoleName;
  return Object.freeze(scope);
}

/** `accounts` (a list or `organization`) with `organizationalUnits`, which only `organization` takes. */
function validateScopeAccounts(raw: Record<string, unknown>, report: ReportIssue): ScopeAccounts | undefined {
  const at: Path = ['scope', 'accounts'];
  const units = raw.organizationalUnits;
  if (raw.accounts === ORGANIZATION) {
    if (units === undefined) return Object.freeze({ kind: 'organization' });
    const organizationalUnits = validateOrganizationalUnits(units, report);
    return organizationalUnits === undefined
      ? undefined
      : Object.freeze({ kind: 'organization', organizationalUnits });
  }
  if (units !== undefined) {
    report(
      ['scope', 'organizationalUnits'],
      `only applies with \`accounts: ${ORGANIZATION}\` (it limits the organization to these OUs)`,
    );
  }
  if (raw.accounts === undefined) return Object.freeze({ kind: 'list', accountIds: Object.freeze([]) });
  if (typeof raw.accounts === 'string') {
    report(
      at,
      `must be \`${ORGANIZATION}\` or a list of quoted 12-digit account ids; got ${describeValue(raw.accounts)}`,
    );
    return undefined;
  }
  const accountIds = validateAccountList(raw.accounts, at, 'for the stack’s own account only', report);
  return accountIds === undefined ? undefined : Object.freeze({ kind: 'list', accountIds });
}

function validateOrganizationalUnits(raw: unknown, report: ReportIssue): readonly string[] | undefined {
  const at: Path = ['scope', 'organizationalUnits'];
  const items = validateNonEmptyList(raw, at, 'OU ids', 'for the whole organization', report);
  if (items === undefined) return undefined;
  const units: string[] = [];
  items.forEach((item, index) => {
    if (typeof item === 'string' && ORGANIZATIONAL_UNIT_ID_PATTERN.test(item)) units.push(item);
    else
      report(
        [...at, index],
        `${describeValue(item)} is not an organizational unit id such as "ou-ab12-cdefgh12"`,
      );
  });
  return units.length === items.length ? Object.freeze(units) : undefined;
}

/** `regions` (a list in one partition, or `all-enabled`). */
function validateScopeRegions(raw: unknown, report: ReportIssue): ScopeRegions | undefined {
  const at: Path = ['scope', 'regions'];
  if (raw === ALL_ENABLED_REGIONS) return Object.freeze({ kind: 'all-enabled' });
  if (typeof raw === 'string') {
    report(at, `must be \`${ALL_ENABLED_REGIONS}\` or a list of region names; got ${describeValue(raw)}`);
    return undefined;
  }
  const regions = validateRegionList(raw, at, 'for the stack’s own region only', report);
  if (regions === undefined) return undefined;
  const [first] = regions;
  const firstPartition = first === undefined ? undefined : partitionOf(first);
  let onePartition = true;
  regions.forEach((region, index) => {
    const partition = partitionOf(region);
    if (partition === firstPartition) return;
    onePartition = false;
    report(
      [...at, index],
      `${region} is in partition ${partition}, ${first} in ${firstPartition}: one deployment manages one partition`,
    );
  });
  return onePartition ? Object.freeze({ kind: 'list', regions }) : undefined;
}

/** Required with `accounts` (other accounts are reached only through it), pointless without. */
function validateMemberRoleName(raw: Record<string, unknown>, report: ReportIssue): string | undefined {
  const at: Path = ['scope', 'memberRoleName'];
  const value = raw.memberRoleName;
  if (value === undefined) {
    if (raw.accounts !== undefined) {
      report(
        at,
        'required with accounts: the role (deploy/member-account.yml) the worker assumes in every account other than its own',
      );
    }
    return undefined;
  }
  if (typeof value !== 'string' || !ROLE_NAME_PATTERN.test(value)) {
    report(at, `must be an IAM role name (1–64 of letters, digits and +=,.@_-); got ${describeValue(value)}`);
    return undefined;
  }
  if (raw.accounts === undefined) {
    report(at, 'only applies with accounts: the stack’s own account is reached without a role');
    return undefined;
  }
  return value;
}
