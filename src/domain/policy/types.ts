import type { CopySettings } from '../copyConfiguration.js';

/**
 * What a policy file says, once validated. Matching and validation live beside this file;
 * these types are what the rest of the code relies on.
 */

/** What to do when a copy configuration to the desired region exists with other settings. */
export const ExistingConfigurationMode = {
  /** Leave it; count it as protected. */
  Keep: 'keep',
  /** Change the retention (the only setting AWS allows to change). */
  Update: 'update',
  /** Leave it; report drift (log line + metric). */
  Report: 'report',
} as const;
export type ExistingConfigurationMode =
  (typeof ExistingConfigurationMode)[keyof typeof ExistingConfigurationMode];

/** What to do when someone deletes (or changes) a copy configuration the policy wants. */
export const DeletedConfigurationMode = {
  /**
   * Put the policy's configuration back (outcome `restored`, metric Restored): a deleted one is
   * created again; a changed retention is set back, unless the rule says `onExisting: keep`
   * (which accepts any retention). A sweep or an operator's request that finds another
   * retention still follows onExisting: only a change event is answered by restoring.
   */
  Restore: 'restore',
  /** Leave it missing; report it (log line + metric) until the next sweep or request restores it. */
  Report: 'report',
} as const;
export type DeletedConfigurationMode =
  (typeof DeletedConfigurationMode)[keyof typeof DeletedConfigurationMode];

export interface RuleMatch {
  /** Glob on the namespace name: `*` any run of characters, `?` one character. */
  readonly namespace?: string;
  /** Every listed tag must be present with this value (`*` = any value). */
  readonly tags?: Readonly<Record<string, string>>;
  readonly accounts?: readonly string[];
  readonly sourceRegions?: readonly string[];
}

interface RuleBase {
  readonly name: string;
  readonly match: RuleMatch;
}

export interface SkipRule extends RuleBase {
  readonly skip: true;
}

export interface CopyRule extends RuleBase {
  readonly skip?: false;
  /** The copy the rule wants, as the file's `copyTo` says it (src/domain/copyConfiguration.ts). */
  readonly copyTo: CopySettings;
  readonly onExisting: ExistingConfigurationMode;
  /** What a deletion or change of this rule's configuration by someone else calls for (default restore). */
  readonly onDeleted: DeletedConfigurationMode;
}

export type PolicyRule = SkipRule | CopyRule;

/** `scope.accounts`: which accounts the autopilot is responsible for, besides its own (always in scope). */
export type ScopeAccounts =
  | { readonly kind: 'list'; readonly accountIds: readonly string[] }
  /** Every ACTIVE account of the organization; only those under these OUs (nested ones too) when given. */
  | { readonly kind: 'organization'; readonly organizationalUnits?: readonly string[] };

/** `scope.regions`: the regions it is responsible for in every account in scope. */
export type ScopeRegions =
  | { readonly kind: 'list'; readonly regions: readonly string[] }
  /** Every region the account has enabled (account:ListRegions ENABLED, ENABLED_BY_DEFAULT). */
  | { readonly kind: 'all-enabled' };

/**
 * Where the autopilot protects, verifies and reports. Absent from a policy = the stack's own
 * account in its own region (what a single-account deployment always did).
 */
export interface PolicyScope {
  /** `{ kind: 'list', accountIds: [] }` when the policy gives no `scope.accounts`: the stack's own account only. */
  readonly accounts: ScopeAccounts;
  /**
   * Absent when the policy gives no `scope.regions`: the stack's home region only. Left absent
   * rather than filled in because the validator is pure and does not know where the stack runs.
   */
  readonly regions?: ScopeRegions;
  /** The role assumed in every account in scope other than the stack's own. */
  readonly memberRoleName?: string;
}

export interface Policy {
  readonly version: 1;
  readonly scope?: PolicyScope;
  readonly rules: readonly PolicyRule[];
}

/** The outcome of resolving a policy for one namespace. */
export type PolicyDecision =
  /** `desired` is the rule's `copyTo`: the copy every later step carries unchanged. */
  | { readonly kind: 'copy'; readonly rule: CopyRule; readonly desired: CopySettings }
  | { readonly kind: 'skip'; readonly rule: SkipRule }
  | { readonly kind: 'unmatched' }
  /**
   * The matching rule cannot apply to this namespace (it would copy to the namespace's own
   * region, or out of its partition): only knowable at run time when the rule does not
   * restrict `sourceRegions`. Treated like an invalid policy: dead-lettered with `message`.
   */
  | { readonly kind: 'invalid'; readonly rule: CopyRule; readonly message: string };
