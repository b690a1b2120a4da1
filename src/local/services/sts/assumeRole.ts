import { type CallerIdentity, CallerType } from '../../accounts/callerIdentity.js';
import type { LocalAccounts } from '../../accounts/localAccounts.js';
import { parseRoleArn } from '../../accounts/roles.js';
import { stsErrors } from './stsErrors.js';
import { stsTime, type XmlMembers } from './stsXml.js';

/** A role's MaxSessionDuration unless set otherwise; local roles keep the default. */
const ROLE_MAX_SESSION_SECONDS = 3600;
/** A session assumed with a role session's credentials lasts an hour at most. */
const CHAINED_MAX_SESSION_SECONDS = 3600;

/** The AssumeRole input the action reads, once validateStsInput has held it to the model. */
interface AssumeRoleInput {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly DurationSeconds?: number;
}

/**
 * AssumeRole: credentials of the role's account, for a role that exists (every role does unless
 * the control API declared it missing; a missing one is AccessDenied, as AWS answers for a role
 * that is absent or does not trust the caller). The session lasts DurationSeconds (an hour by
 * default, at most the role's MaxSessionDuration of an hour, an hour when chaining roles). The
 * model bounds RoleArn's length, RoleSessionName's length and pattern and DurationSeconds to
 * 900–43200; the limits below it are the AssumeRole API reference's
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, DurationSeconds).
 */
export function assumeRole(
  request: Readonly<Record<string, unknown>>,
  caller: CallerIdentity,
  now: number,
  accounts: Pick<LocalAccounts, 'roles' | 'sessions'>,
): XmlMembers {
  const input = request as unknown as AssumeRoleInput;
  const durationSeconds = input.DurationSeconds ?? ROLE_MAX_SESSION_SECONDS;
  const role = parseRoleArn(input.RoleArn);
  if (role === undefined) throw stsErrors.invalidArn();
  if (!accounts.roles.exists(role.account, role.roleName)) throw stsErrors.accessDenied(caller.arn, role.arn);
  if (caller.type === CallerType.AssumedRole && durationSeconds > CHAINED_MAX_SESSION_SECONDS) {
    throw stsErrors.durationOverChainingLimit();
  }
  if (durationSeconds > ROLE_MAX_SESSION_SECONDS) throw stsErrors.durationOverRoleMaximum();
  const session = accounts.sessions.issue(role, input.RoleSessionName, now + durationSeconds * 1000);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: stsTime(session.expiresAt),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${session.roleId}:${session.sessionName}`,
      Arn: `arn:${role.partition}:sts::${role.account}:assumed-role/${role.roleName}/${session.sessionName}`,
    },
  };
}

/** GetCallerIdentity: who the request's credentials are (no permission needed, as on AWS). */
export function getCallerIdentity(caller: CallerIdentity): XmlMembers {
  return { UserId: caller.userId, Account: caller.account, Arn: caller.arn };
}
