import type { LocalAccounts } from '../../accounts/localAccounts.js';
import { partitionOfRegion } from '../../accounts/partition.js';
import { paginate } from '../../protocol/pageToken.js';
import type { RequestContext } from '../../protocol/types.js';
import { accountErrors } from './accountErrors.js';
import { validateAccountInput } from './validations.js';

/** ListRegions returns 50 regions a page unless asked for fewer (the model bounds MaxResults 1–50). */
const DEFAULT_MAX_RESULTS = 50;

/** The ListRegions input once validateAccountInput has held it to the model. */
interface ListRegionsInput {
  readonly AccountId?: string;
  readonly MaxResults?: number;
  readonly NextToken?: string;
  readonly RegionOptStatusContains?: readonly string[];
}

/**
 * The account whose regions are asked for: the caller's own unless AccountId names another,
 * which only the management account may do, for a member of its organization (and it must not
 * name itself: the API wants the management account to call in standalone context). These rules
 * are the ListRegions API reference's (AccountId parameter,
 * https://docs.aws.amazon.com/accounts/latest/reference/API_ListRegions.html); the model cannot
 * state them.
 */
function targetAccount(
  input: ListRegionsInput,
  ctx: RequestContext,
  accounts: Pick<LocalAccounts, 'organization'>,
): string {
  const { AccountId: accountId } = input;
  if (accountId === undefined) return ctx.account;
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

/**
 * account:ListRegions: the regions of the aws partition with their opt-in status for an account
 * (enabled by default, or an opt-in region the control API enabled), by name, 50 a page. The
 * request is held to the vendored model first (AccountId's pattern, MaxResults 1–50, the
 * RegionOptStatus enum, NextToken's length).
 */
export function listRegions(
  request: Record<string, unknown>,
  ctx: RequestContext,
  accounts: Pick<LocalAccounts, 'organization' | 'regions'>,
) {
  validateAccountInput('ListRegions', request);
  const input = request as ListRegionsInput;
  const account = targetAccount(input, ctx, accounts);
  const filter = input.RegionOptStatusContains;
  const regions = accounts.regions
    .regionsOf(account)
    .filter((region) => filter === undefined || filter.includes(region.status));
  const page = paginate(
    regions,
    (region) => region.regionName,
    { maxResults: input.MaxResults, nextToken: input.NextToken, defaultMaxResults: DEFAULT_MAX_RESULTS },
    () => accountErrors.invalidField('nextToken', 'The NextToken is not valid.'),
  );
  return {
    Regions: page.items.map((region) => ({ RegionName: region.regionName, RegionOptStatus: region.status })),
    NextToken: page.nextToken,
  };
}
