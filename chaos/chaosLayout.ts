/**
 * Where a chaos run's namespaces live: the organization the stack manages (its policy's scope,
 * chaos/organization-policy.yml), one account of that scope whose member role is missing, and
 * places outside the scope whose CloudTrail events still reach the central bus (the member
 * template deployed there, as a StackSet over the whole organization would).
 */
export interface ChaosLayout {
  /** The stack's own account and home region (the local cloud's central account). */
  readonly home: { readonly account: string; readonly region: string };
  /** Accounts the worker reaches (the home one first, then members through their role). */
  readonly managedAccounts: readonly string[];
  /** In the scope, but their member role is missing: AssumeRole answers AccessDenied. */
  readonly roleMissingAccounts: readonly string[];
  /** In the organization, not in the scope: their records are refused (AccountNotManaged). */
  readonly unmanagedAccounts: readonly string[];
  /** The scope's regions, the home one first. */
  readonly regions: readonly string[];
  /** Regions outside the scope where managed accounts forward events from (RegionNotManaged). */
  readonly outOfScopeRegions: readonly string[];
}

/** The policy whose scope the layouts below fit (relative to the service directory). */
export const CHAOS_POLICY_FILE = 'chaos/organization-policy.yml';

const HOME = { account: '000000000000', region: 'us-east-1' } as const;
/** Nine members, 111111111111 … 999999999999, as the policy lists them. */
const MEMBERS: readonly string[] = Array.from({ length: 9 }, (_, index) => String(index + 1).repeat(12));
const ROLE_MISSING = '101010101010';
const UNMANAGED = '121212121212';

/** `npm run chaos`: ten managed accounts × three regions, plus the refused places. */
export const FULL_LAYOUT: ChaosLayout = {
  home: HOME,
  managedAccounts: [HOME.account, ...MEMBERS],
  roleMissingAccounts: [ROLE_MISSING],
  unmanagedAccounts: [UNMANAGED],
  regions: [HOME.region, 'eu-west-1', 'us-west-2'],
  outOfScopeRegions: ['ap-southeast-2'],
};

/** The CI run in `npm test`: the home account and one member in two regions, plus the refused places. */
export const CI_LAYOUT: ChaosLayout = {
  home: HOME,
  managedAccounts: [HOME.account, ...MEMBERS.slice(0, 1)],
  roleMissingAccounts: [ROLE_MISSING],
  unmanagedAccounts: [UNMANAGED],
  regions: [HOME.region, 'eu-west-1'],
  outOfScopeRegions: ['ap-southeast-2'],
};

/** An (account, region) as a key: `111111111111/eu-west-1`. */
export function placeKey(account: string, region: string): string {
  return `${account}/${region}`;
}

/** A namespace in its (account, region) as a key: `111111111111/eu-west-1/team-00042`. */
export function namespaceKey(account: string, region: string, name: string): string {
  return `${account}/${region}/${name}`;
}

/**
 * The member accounts to stand up for a layout, each with the regions its template is deployed
 * in: every account in the scope's regions, and the managed ones also in the regions outside it.
 */
export function memberDeploymentsOf(
  layout: ChaosLayout,
): { account: string; regions: string[]; roleExists?: boolean }[] {
  const outside = [...layout.regions, ...layout.outOfScopeRegions];
  return [
    ...layout.managedAccounts.map((account) => ({ account, regions: outside })),
    ...layout.roleMissingAccounts.map((account) => ({
      account,
      regions: [...layout.regions],
      roleExists: false,
    })),
    ...layout.unmanagedAccounts.map((account) => ({ account, regions: [...layout.regions] })),
  ];
}
