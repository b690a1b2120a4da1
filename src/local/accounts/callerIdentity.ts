import { isAccountId } from './accountId.js';
import { partitionOfRegion } from './partition.js';
import { accountOfSessionAccessKeyId } from './sessionAccessKeys.js';
import type { SessionStore } from './sessions.js';

/** Who made a request, as far as the local cloud tells callers apart. */
export const CallerType = {
  /** Long-term credentials of an account (a 12-digit key id, `test`, anything not issued by STS). */
  Account: 'Account',
  /** Credentials the local STS issued for a role. */
  AssumedRole: 'AssumedRole',
} as const;
export type CallerType = (typeof CallerType)[keyof typeof CallerType];

/** The caller of a request: its account and the identity STS and CloudTrail name. */
export interface CallerIdentity {
  readonly type: CallerType;
  readonly account: string;
  /** `arn:aws:iam::<account>:root` or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  /** The account id for the account's own credentials; `AROA…:<session>` for a role session. */
  readonly userId: string;
  readonly accessKeyId?: string;
  /** The assumed role's ARN, for a role session. */
  readonly roleArn?: string;
}

export interface CallerResolution {
  readonly defaultAccount: string;
  readonly sessions?: SessionStore;
}

/**
 * The caller of a request, LocalStack's way: an access key id of 12 digits is that account's
 * own credentials; a key the local STS issued belongs to its role's account; any other key
 * (`test`, a real-looking AKIA…, none at all) is the default account. Nothing is verified.
 */
export function resolveCaller(
  accessKeyId: string | undefined,
  region: string,
  resolution: CallerResolution,
): CallerIdentity {
  const partition = partitionOfRegion(region);
  const session = accessKeyId === undefined ? undefined : resolution.sessions?.find(accessKeyId);
  if (session !== undefined) {
    const { account, roleName } = session.role;
    return {
      type: CallerType.AssumedRole,
      account,
      arn: `arn:${partition}:sts::${account}:assumed-role/${roleName}/${session.sessionName}`,
      userId: `${session.roleId}:${session.sessionName}`,
      accessKeyId,
      roleArn: session.role.arn,
    };
  }
  const account =
    accessKeyId === undefined
      ? resolution.defaultAccount
      : isAccountId(accessKeyId)
        ? accessKeyId
        : (accountOfSessionAccessKeyId(accessKeyId) ?? resolution.defaultAccount);
  return {
    type: CallerType.Account,
    account,
    arn: `arn:${partition}:iam::${account}:root`,
    userId: account,
    accessKeyId,
  };
}
