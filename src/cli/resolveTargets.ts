import {
  accountsInScope,
  type ScopeDirectory,
  type SweepTarget,
  targetsOf,
  type UnplannedAccount,
} from '../sweep/planSweepTargets.js';
import { UsageError } from './errors.js';
import type { TargetSelection } from './sweepOptions.js';
import type { TargetAccess } from './targetAccess.js';

/** One (account, region) the CLI looks at; no account = the operator's own, not looked up. */
export type CliTarget = Omit<SweepTarget, 'account'> & { readonly account?: string };

/** What resolving targets needs from TargetAccess: who the caller is, the directory, the role. */
export type TargetLookup = Pick<TargetAccess, 'callerAccount' | 'directory' | 'useMemberRole'>;

/** The targets, and the accounts the scope names whose regions could not be listed. */
export interface ResolvedTargets {
  readonly targets: readonly CliTarget[];
  readonly unplanned: readonly UnplannedAccount[];
}

/**
 * Turns a selection into targets. Your own account in named regions needs no lookup (no STS
 * call); anything else asks STS who the caller is (its account is read with its own
 * credentials, every other one through the member role), Organizations for `organization`
 * and account:ListRegions for `all-enabled`, with the operator's credentials.
 *
 * @throws UsageError when an account other than the caller's is named but no member role is.
 */
export async function resolveTargets(
  selection: TargetSelection,
  access: TargetLookup,
): Promise<ResolvedTargets> {
  const { accounts, regions } = selection;
  if (accounts.kind === 'current' && regions.kind === 'list') {
    return { targets: regions.regions.map((region) => ({ region })), unplanned: [] };
  }
  const caller = await access.callerAccount();
  const directory = access.directory(caller);
  const accountIds = await selectedAccountIds(selection, caller, directory);
  const others = accountIds.filter((account) => account !== caller);
  if (others.length > 0 && selection.roleName === undefined) {
    throw new UsageError(
      `no member role to reach ${others.join(', ')} (your credentials are those of ${caller})`,
      'pass --role-name NAME, or set scope.memberRoleName in the policy',
    );
  }
  access.useMemberRole(caller, selection.roleName);
  return targetsOf(accountIds, regions, directory);
}

async function selectedAccountIds(
  { accounts }: TargetSelection,
  caller: string,
  directory: ScopeDirectory,
): Promise<readonly string[]> {
  switch (accounts.kind) {
    case 'current':
      return [caller];
    case 'list':
      return accounts.withCaller ? accountsInScope(accounts, caller, directory) : accounts.accountIds;
    case 'organization':
      return accounts.withCaller
        ? accountsInScope(accounts, caller, directory)
        : directory.organizationAccounts(accounts.organizationalUnits);
  }
}
