import { isAccountId } from '../../accounts/accountId.js';
import type { LocalAccounts } from '../../accounts/localAccounts.js';
import { partitionOfRegion } from '../../accounts/partition.js';
import { RegionOptStatus } from '../../accounts/regionOptIns.js';
import { paginate } from '../../protocol/pageToken.js';
import type { RequestContext } from '../../protocol/types.js';
import type { Constraint } from '../../serviceModel/constraints.js';
import { coralValidationMessage } from '../../serviceModel/coralMessages.js';
import { accountErrors } from './accountErrors.js';

const MAX_RESULTS = { min: 1, max: 50 } as const;
const STATUSES: readonly string[] = Object.values(RegionOptStatus);

/** AWS's message for one broken constraint, the value shown as the text the request carried. */
function constraintMessage(value: unknown, member: string, constraint: Constraint): string {
  return coralValidationMessage([{ path: [{ member }], value: String(value), sensitive: false, constraint }]);
}

/**
 * The account whose regions are asked for: the caller's own unless AccountId names another,
 * which only the management account may do, for a member of its organization (and it must not
 * name itself: the API wants the management account to call in standalone context).
 */
function targetAccount(
  input: Record<string, unknown>,
  ctx: RequestContext,
  accounts: Pick<LocalAccounts, 'organization'>,
): string {
  const { AccountId: accountId } = input;
  if (accountId === undefined) return ctx.account;
  if (!isAccountId(accountId)) {
    throw accountErrors.invalidField(
      'accountId',
      constraintMessage(accountId, 'accountId', { kind: 'pattern', pattern: '^\\d{12}$' }),
    );
  }
  const { organization } = accounts;
  if (ctx.account === organization.managementAccountId && accountId === ctx.account) {
    throw accountErrors.invalidField(
      'accountId',
      "The management account can't specify its own AccountId. It must call the operation in standalone context by not including the AccountId parameter.",
    );
  }
  if (ctx.account !== organization.managementAccountId || organization.account(accountId) === undefined) {
    throw accountErrors.accessDenied(
      `User: ${ctx.caller?.arn ?? `arn:${partitionOfRegion(ctx.region)}:iam::${ctx.account}:root`} is not authorized to perform: account:ListRegions on account ${accountId}`,
    );
  }
  return accountId;
}

function statusFilter(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((status) => !STATUSES.includes(String(status)))) {
    throw accountErrors.invalidField(
      'regionOptStatusContains',
      constraintMessage(JSON.stringify(value), 'regionOptStatusContains', { kind: 'enum', values: STATUSES }),
    );
  }
  return value.map(String);
}

function maxResultsOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < MAX_RESULTS.min ||
    value > MAX_RESULTS.max
  ) {
    const bound: Constraint =
      typeof value === 'number' && value > MAX_RESULTS.max
        ? { kind: 'maxValue', limit: MAX_RESULTS.max }
        : { kind: 'minValue', limit: MAX_RESULTS.min };
    throw accountErrors.invalidField('maxResults', constraintMessage(value, 'maxResults', bound));
  }
  return value;
}

/**
 * account:ListRegions: the regions of the aws partition with their opt-in status for an account
 * (enabled by default, or an opt-in region the control API enabled), by name, 50 a page.
 */
export function listRegions(
  input: Record<string, unknown>,
  ctx: RequestContext,
  accounts: Pick<LocalAccounts, 'organization' | 'regions'>,
) {
  const account = targetAccount(input, ctx, accounts);
  const filter = statusFilter(input.RegionOptStatusContains);
  const maxResults = maxResultsOf(input.MaxResults);
  if (input.NextToken !== undefined && typeof input.NextToken !== 'string') {
    throw accountErrors.invalidField('nextToken', 'The NextToken is not valid.');
  }
  const regions = accounts.regions
    .regionsOf(account)
    .filter((region) => filter === undefined || filter.includes(region.status));
  const page = paginate(
    regions,
    (region) => region.regionName,
    { maxResults, nextToken: input.NextToken, defaultMaxResults: MAX_RESULTS.max },
    () => accountErrors.invalidField('nextToken', 'The NextToken is not valid.'),
  );
  return {
    Regions: page.items.map((region) => ({ RegionName: region.regionName, RegionOptStatus: region.status })),
    NextToken: page.nextToken,
  };
}
