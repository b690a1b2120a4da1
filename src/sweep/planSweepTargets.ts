import type { PolicyScope, ScopeAccounts, ScopeRegions } from '../domain/policy/types.js';

/** One (account, region) to sweep. */
export interface SweepTarget {
  readonly account: string;
  readonly region: string;
}

/**
 * Where the accounts and regions of a scope are looked up: AWS Organizations and
 * account:ListRegions (src/aws/organizationDirectory.ts), or a fake in tests.
 */
export interface ScopeDirectory {
  /** ACTIVE accounts of the organization; only those under these OUs (nested OUs too) when given. */
  organizationAccounts(organizationalUnits?: readonly string[]): Promise<readonly string[]>;
  /** The regions the account has enabled (ENABLED and ENABLED_BY_DEFAULT). */
  enabledRegions(account: string): Promise<readonly string[]>;
}

/** An account whose regions could not be listed: it is left out of the plan, and said so. */
export interface UnplannedAccount {
  readonly account: string;
  readonly error: Error;
}

export interface SweepPlan {
  readonly targets: readonly SweepTarget[];
  readonly unplanned: readonly UnplannedAccount[];
}

/**
 * The (account, region) targets of a scope: its accounts (the list given, or the organization's
 * ACTIVE accounts, under the OUs given) plus the home account, which is always in scope, each in
 * the scope's regions (the list given, or every region the account has enabled; none given: the
 * home region). No scope is the home account in the home region. Home comes first, then the accounts in the order found.
 * An organization that cannot be listed rejects; an account whose regions cannot be listed is
 * reported in `unplanned` and the others are planned.
 */
export async function planSweepTargets(
  scope: PolicyScope | undefined,
  home: SweepTarget,
  directory: ScopeDirectory,
): Promise<SweepPlan> {
  if (scope === undefined) return { targets: [home], unplanned: [] };
  const accounts = await accountsInScope(scope.accounts, home.account, directory);
  // No scope.regions: the stack's home region only.
  return targetsOf(accounts, scope.regions ?? { kind: 'list', regions: [home.region] }, directory);
}

/** The scope's accounts, the home account first and always; each once. */
export async function accountsInScope(
  accounts: ScopeAccounts,
  homeAccount: string,
  directory: ScopeDirectory,
): Promise<string[]> {
  const listed =
    accounts.kind === 'list'
      ? accounts.accountIds
      : await directory.organizationAccounts(accounts.organizationalUnits);
  return [...new Set([homeAccount, ...listed])];
}

/** Every account in each of the regions: the list given, or those the account has enabled. */
export async function targetsOf(
  accounts: readonly string[],
  regions: ScopeRegions,
  directory: ScopeDirectory,
): Promise<SweepPlan> {
  const targets: SweepTarget[] = [];
  const unplanned: UnplannedAccount[] = [];
  for (const account of accounts) {
    try {
      const inAccount = regions.kind === 'list' ? regions.regions : await directory.enabledRegions(account);
      for (const region of new Set(inAccount)) targets.push({ account, region });
    } catch (error) {
      unplanned.push({ account, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { targets, unplanned };
}
