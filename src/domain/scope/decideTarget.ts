import { partitionOf } from '../awsRegions.js';
import type { PolicyScope } from '../policy/types.js';

/**
 * Why a namespace is refused before any call is made on it. Also dead-letter reasons
 * (DeadLetterReason spreads these): a contract with alarms and runbooks.
 */
export const TargetRefusalReason = {
  /** The account is neither the stack's own nor one the policy's scope manages (or its member role refused us). */
  AccountNotManaged: 'AccountNotManaged',
  /** The region is outside the policy's scope (no scope: any region but the stack's own). */
  RegionNotManaged: 'RegionNotManaged',
} as const;
export type TargetRefusalReason = (typeof TargetRefusalReason)[keyof typeof TargetRefusalReason];

/** An (account, region) pair: where a namespace lives, or where the stack runs. */
export interface AccountRegion {
  readonly account: string;
  readonly region: string;
}

/** How to reach a target, or why not to. */
export type TargetDecision =
  /** The stack's own account: act with the function's own credentials. */
  | { readonly kind: 'home' }
  /** Another account in scope: act only through this role (STS AssumeRole). */
  | { readonly kind: 'member'; readonly roleArn: string }
  /** Outside the scope: act nowhere; `message` says why, for a log line and a DLQ attribute. */
  | { readonly kind: 'refused'; readonly reason: TargetRefusalReason; readonly message: string };

/**
 * Decides whether (and with which credentials) the autopilot may act on a namespace in
 * `target`, given the policy's scope and where the stack runs. Pure: no I/O, no SDK.
 *
 * - The account is checked first: a record naming an account the stack does not manage is
 *   refused (`AccountNotManaged`) and never acted on with the stack's own credentials, whatever
 *   namespace of the same name the stack's account holds.
 * - The stack's own account is always in scope (`home`); another account is in scope when
 *   `scope.accounts` lists it, or says `organization` (any account then: whether it really
 *   belongs is proven by AssumeRole, whose AccessDenied the caller also treats as `AccountNotManaged`).
 * - The region must be listed in `scope.regions`, or lie in the home region's partition when it
 *   says `all-enabled`; without `scope.regions` only the stack's home region is in scope.
 *
 * @param scope - the policy's scope; undefined = the stack's own account in its home region
 * @param home - the stack's own account and home region
 * @param target - the account and region the namespace lives in
 */
export function decideTarget(
  scope: PolicyScope | undefined,
  home: AccountRegion,
  target: AccountRegion,
): TargetDecision {
  const account = accountRefusal(scope, home, target);
  if (account !== undefined) return refused(TargetRefusalReason.AccountNotManaged, account);
  const region = regionRefusal(scope, home, target);
  if (region !== undefined) return refused(TargetRefusalReason.RegionNotManaged, region);
  if (target.account === home.account) return { kind: 'home' };
  // accountRefusal has already refused another account when the scope names no role.
  return { kind: 'member', roleArn: memberRoleArn(target, scope?.memberRoleName ?? '') };
}

/**
 * The ARN of the member role in `target.account`, in the partition of `target.region` (a region
 * this project does not know yet is placed by its prefix: `cn-` China, `us-gov-` GovCloud).
 */
export function memberRoleArn(target: AccountRegion, roleName: string): string {
  return `arn:${partitionOf(target.region, 'by-prefix')}:iam::${target.account}:role/${roleName}`;
}

function refused(reason: TargetRefusalReason, message: string): TargetDecision {
  return { kind: 'refused', reason, message };
}

/** Why the account is out of scope, or undefined when it is in. */
function accountRefusal(
  scope: PolicyScope | undefined,
  home: AccountRegion,
  target: AccountRegion,
): string | undefined {
  if (target.account === home.account) return undefined;
  const accounts = scope?.accounts;
  const prefix = `account ${target.account} is not managed by this stack (its own account is ${home.account})`;
  if (accounts === undefined || (accounts.kind === 'list' && accounts.accountIds.length === 0)) {
    return `${prefix}: the policy's scope names no other accounts (scope.accounts)`;
  }
  if (scope?.memberRoleName === undefined) {
    // The validator requires a role name with accounts; a hand-built scope without one must
    // still never lead to acting with the stack's own credentials.
    return `${prefix}: the policy's scope names no member role (scope.memberRoleName)`;
  }
  if (accounts.kind === 'organization') return undefined;
  if (accounts.accountIds.includes(target.account)) return undefined;
  return `${prefix}: scope.accounts lists ${summarize(accounts.accountIds)}`;
}

/** Why the region is out of scope, or undefined when it is in. */
function regionRefusal(
  scope: PolicyScope | undefined,
  home: AccountRegion,
  target: AccountRegion,
): string | undefined {
  const regions = scope?.regions;
  const prefix = `region ${target.region} is outside the policy's scope`;
  if (regions === undefined) {
    if (target.region === home.region) return undefined;
    return `${prefix}: without scope.regions only the stack's own region ${home.region} is managed`;
  }
  if (regions.kind === 'list') {
    if (regions.regions.includes(target.region)) return undefined;
    return `${prefix}: scope.regions lists ${summarize(regions.regions)}`;
  }
  const homePartition = partitionOf(home.region, 'by-prefix');
  const targetPartition = partitionOf(target.region, 'by-prefix');
  if (homePartition === targetPartition) return undefined;
  return `${prefix}: it is in partition ${targetPartition}, this stack in ${homePartition} (scope.regions: all-enabled stays in the stack's partition)`;
}

/** At most five items, so a message stays a log line whatever the scope's size. */
function summarize(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
