import type { Policy, PolicyScope } from './types.js';
import { ALL_ENABLED_REGIONS, ORGANIZATION } from './validatePolicyScope.js';

/**
 * A validated policy written back in the shape of the policy file (what `validatePolicy`
 * reads), with every default spelled out. The build compiles policies to this JSON, and the
 * functions validate it again at cold start: the typed form (`{ kind: 'organization' }`) is
 * not a policy file, so it cannot be what travels.
 *
 * `validatePolicy(toPolicyDocument(policy))` equals `policy`.
 */
export function toPolicyDocument(policy: Policy): Record<string, unknown> {
  return policy.scope === undefined
    ? { version: policy.version, rules: policy.rules }
    : { version: policy.version, scope: scopeDocument(policy.scope), rules: policy.rules };
}

function scopeDocument(scope: PolicyScope): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  const { accounts, regions } = scope;
  if (accounts.kind === 'organization') {
    document.accounts = ORGANIZATION;
    if (accounts.organizationalUnits !== undefined)
      document.organizationalUnits = accounts.organizationalUnits;
  } else if (accounts.accountIds.length > 0) {
    // An empty list is how the validator records "no scope.accounts"; the file leaves the key out.
    document.accounts = accounts.accountIds;
  }
  if (regions !== undefined) {
    document.regions = regions.kind === 'all-enabled' ? ALL_ENABLED_REGIONS : regions.regions;
  }
  if (scope.memberRoleName !== undefined) document.memberRoleName = scope.memberRoleName;
  return document;
}
