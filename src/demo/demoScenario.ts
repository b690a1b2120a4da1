/**
 * The scenario of `copy-autopilot local demo`, as data: the accounts it stands up, the namespaces
 * it creates (one per path through the automation) and what must be true of each at the end,
 * and what `status` over the policy's scope must say. Written for DEMO_POLICY_FILE; a different
 * `--policy` may legitimately disagree, and the report then says where. The rules that compare
 * expectation and observation are in demoVerdicts.ts.
 */
import type { LocalMemberAccount } from '../local/index.js';
// Not from the index: the CLI reads DEMO_POLICY_FILE for `local demo --help`, and the index
// would load the whole local cloud into every command's start-up for it.
import { LOCAL_ACCOUNT_ID } from '../local/services/contracts.js';

/** The policy the demo deploys unless `--policy` names another (relative to the service directory). */
export const DEMO_POLICY_FILE = 'examples/policies/local-demo.yml';
/** The stack's home region, where the demo's central stack runs. */
export const HOME_REGION = 'us-east-1';
/** The second region of the scope. */
export const OTHER_REGION = 'eu-west-1';
/** The member role the demo policy names (scope.memberRoleName), as the member template creates it. */
export const DEMO_MEMBER_ROLE_NAME = 'copy-autopilot-member';
/** The stack's own account (always in scope). */
export const HOME_ACCOUNT = LOCAL_ACCOUNT_ID;
/** In the scope, with the member role: the worker acts there through it. */
export const MEMBER_ACCOUNT = '111111111111';
/** In the scope, but the demo declares its member role missing: AssumeRole is AccessDenied. */
export const ROLELESS_ACCOUNT = '222222222222';
/** In the organization, forwarding its events, but not in the policy's scope. */
export const OUTSIDE_ACCOUNT = '333333333333';

/** An account the demo stands up, and the part it plays. */
export interface DemoAccount extends LocalMemberAccount {
  readonly part: string;
}

/**
 * Every account and the regions it gets deploy/member-account.yml in (its forwarding rule to the
 * central bus; the home account's home region has the central stack's own rules instead).
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    account: HOME_ACCOUNT,
    regions: [HOME_REGION, OTHER_REGION],
    part: "home: the stack's own account, acted on with its own credentials",
  },
  {
    account: MEMBER_ACCOUNT,
    regions: [HOME_REGION, OTHER_REGION],
    name: 'production',
    part: 'member in the scope: reached through the member role',
  },
  {
    account: ROLELESS_ACCOUNT,
    regions: [HOME_REGION],
    name: 'research',
    // Its role is declared missing by the `reports` case's fault, as an operator's mistake would leave it.
    part: 'member in the scope whose member role is missing: AssumeRole is AccessDenied',
  },
  {
    account: OUTSIDE_ACCOUNT,
    regions: [HOME_REGION],
    name: 'contractor',
    part: 'forwards its events to the central bus, but is outside the policy scope',
  },
];

export const ExpectedOutcome = {
  Protected: 'protected',
  DeadLettered: 'dead-lettered',
  Skipped: 'skipped',
} as const;
export type ExpectedOutcome = (typeof ExpectedOutcome)[keyof typeof ExpectedOutcome];

/**
 * A fault the demo injects into the local cloud before it creates a case's namespace. Data, so
 * the demo can say what it injected and where, and a new kind is one entry here plus one branch
 * in demoFaults.ts.
 */
export type DemoFault =
  /** The namespace stays MODIFYING this long after creation: Redshift Serverless answers ConflictException meanwhile. */
  | { readonly kind: 'busy'; readonly seconds: number }
  /** A fault rule: the operation, called for this namespace, answers this error. */
  | {
      readonly kind: 'error';
      readonly operation: string;
      readonly code: string;
      readonly message: string;
      readonly statusCode: number;
    }
  /** The member role of the namespace's account is declared missing: STS AssumeRole into it is AccessDenied. */
  | { readonly kind: 'role-missing'; readonly roleName: string };

/** What the demo does to a case's namespace once the worker has settled it. */
export type DemoFollowUp =
  /** The same manual request is delivered this many times more: once on the bus, the rest straight to the queue. */
  | { readonly kind: 'duplicates'; readonly times: number }
  /**
   * Its copy configuration is deleted by hand (DeleteSnapshotCopyConfiguration through the SDK,
   * signed as the namespace's account): CloudTrail's record must bring it back this fast.
   */
  | { readonly kind: 'delete-configuration'; readonly restoredWithinSeconds: number };

export interface DemoCase {
  readonly account: string;
  readonly region: string;
  readonly namespace: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly story: string;
  readonly expected: ExpectedOutcome;
  /** Destination and retention the policy should choose, when protected. */
  readonly destination?: { readonly region: string; readonly retentionDays: number };
  /** The dead letter's `Reason` and `ErrorName` attributes, when dead-lettered. */
  readonly deadLetter?: { readonly reason: string; readonly errorName: string };
  /**
   * Copy configurations created for this name, per account, by the end. Default: the case's
   * own account only, once when protected and never otherwise.
   */
  readonly creates?: Readonly<Record<string, number>>;
  /** What the local cloud is made to do wrong for this namespace. */
  readonly fault?: DemoFault;
  readonly followUp?: DemoFollowUp;
  /** Retries the worker must have made before protection (lower bound). */
  readonly minAttempts?: number;
}

// Where a case's namespace lives.
const home = { account: HOME_ACCOUNT, region: HOME_REGION } as const;
const memberHomeRegion = { account: MEMBER_ACCOUNT, region: HOME_REGION } as const;
const memberOtherRegion = { account: MEMBER_ACCOUNT, region: OTHER_REGION } as const;

export const DEMO_CASES: readonly DemoCase[] = [
  {
    ...home,
    namespace: 'prod-sales',
    tags: { 'dr-tier': 'gold', team: 'sales' },
    story: 'production namespace, available at once',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'us-west-2', retentionDays: 30 },
    // Its twin in the account outside the scope must not touch it.
    creates: { [HOME_ACCOUNT]: 1, [OUTSIDE_ACCOUNT]: 0 },
  },
  {
    ...home,
    namespace: 'analytics-busy',
    // 3 s: the worker's first attempt (~1 s, the queue's batching window) meets the busy
    // namespace, and its first backoff (2.5–5 s, equal jitter from 5 s) always ends after it.
    story: 'busy (MODIFYING) for 3 s after creation: ConflictException, retried with backoff',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'us-west-2', retentionDays: 7 },
    fault: { kind: 'busy', seconds: 3 },
    minAttempts: 2,
  },
  {
    ...home,
    namespace: 'finance-kms',
    story: 'the service rejects the destination KMS key: ValidationException, dead-lettered at once',
    expected: ExpectedOutcome.DeadLettered,
    deadLetter: { reason: 'NonRetryableError', errorName: 'ValidationException' },
    fault: {
      kind: 'error',
      operation: 'CreateSnapshotCopyConfiguration',
      code: 'ValidationException',
      message: 'The KMS key is not in the destination region us-west-2.',
      statusCode: 400,
    },
  },
  {
    ...home,
    namespace: 'sandbox-alice',
    story: 'a sandbox the policy skips',
    expected: ExpectedOutcome.Skipped,
  },
  {
    ...home,
    namespace: 'marketing',
    story: 'protected, then the same manual request is delivered twice more (at-least-once)',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'us-west-2', retentionDays: 7 },
    followUp: { kind: 'duplicates', times: 2 },
  },
  {
    ...memberHomeRegion,
    namespace: 'orders',
    story: 'member account: its CloudTrail event forwarded, protected through the member role',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'us-west-2', retentionDays: 7 },
    // In that account only: nothing is written in the stack's own account.
    creates: { [MEMBER_ACCOUNT]: 1, [HOME_ACCOUNT]: 0 },
  },
  {
    ...memberOtherRegion,
    namespace: 'orders-eu',
    story: 'member account in eu-west-1: protected, then its configuration deleted by hand and restored',
    expected: ExpectedOutcome.Protected,
    destination: { region: 'eu-central-1', retentionDays: 7 },
    // The target is p99 ≤ 5 s (measured by `npm run bench`); 15 s leaves a loaded
    // machine room while still meaning "within seconds", not "at the next sweep" (6 hours).
    followUp: { kind: 'delete-configuration', restoredWithinSeconds: 15 },
    // Created, deleted by hand, created again by the worker: twice, in that account only.
    creates: { [MEMBER_ACCOUNT]: 2, [HOME_ACCOUNT]: 0 },
  },
  {
    account: ROLELESS_ACCOUNT,
    region: HOME_REGION,
    namespace: 'reports',
    story: 'member account whose role is missing: AssumeRole AccessDenied, dead-lettered at once',
    expected: ExpectedOutcome.DeadLettered,
    deadLetter: { reason: 'AccountNotManaged', errorName: 'AccessDenied' },
    fault: { kind: 'role-missing', roleName: DEMO_MEMBER_ROLE_NAME },
  },
  {
    account: OUTSIDE_ACCOUNT,
    region: HOME_REGION,
    namespace: 'prod-sales',
    tags: { 'dr-tier': 'gold' },
    story: 'same name as the home one, in an account outside the scope: refused, the home one untouched',
    expected: ExpectedOutcome.DeadLettered,
    deadLetter: { reason: 'AccountNotManaged', errorName: 'AccountNotManaged' },
    creates: { [OUTSIDE_ACCOUNT]: 0, [HOME_ACCOUNT]: 1 },
  },
];

/** One (account, region) row of `status`'s per-target summary, as the demo expects it. */
export interface ExpectedTarget {
  readonly account: string;
  readonly region: string;
  /** For a target that can be read: its namespaces and how many are not compliant. */
  readonly namespaces?: number;
  readonly nonCompliant?: number;
  /** `ok`, or a word the `failed: …` status must contain. */
  readonly status: 'ok' | { readonly failedWith: string };
}

/** What `copy-autopilot status` over the policy's scope must say at the end. */
export interface StatusExpectation {
  readonly exitCode: number;
  readonly why: string;
  readonly targets: readonly ExpectedTarget[];
}

/**
 * The scope is three accounts (the home one and the scope's two) in two regions: six targets,
 * sorted by account and region as `status` prints them. The account outside the scope is not
 * among them.
 */
export const DEMO_STATUS: StatusExpectation = {
  // 3 (runtime failure) outranks 1 (not compliant: finance-kms has no configuration).
  exitCode: 3,
  why: `${ROLELESS_ACCOUNT} is in the scope but its member role is missing, so its targets cannot be read`,
  targets: [
    { account: HOME_ACCOUNT, region: OTHER_REGION, namespaces: 0, nonCompliant: 0, status: 'ok' },
    // finance-kms is missing its configuration (the service refused it): the one non-compliant.
    { account: HOME_ACCOUNT, region: HOME_REGION, namespaces: 5, nonCompliant: 1, status: 'ok' },
    { account: MEMBER_ACCOUNT, region: OTHER_REGION, namespaces: 1, nonCompliant: 0, status: 'ok' },
    { account: MEMBER_ACCOUNT, region: HOME_REGION, namespaces: 1, nonCompliant: 0, status: 'ok' },
    { account: ROLELESS_ACCOUNT, region: OTHER_REGION, status: { failedWith: 'AccessDenied' } },
    { account: ROLELESS_ACCOUNT, region: HOME_REGION, status: { failedWith: 'AccessDenied' } },
  ],
};
