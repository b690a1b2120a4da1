import { type CallerIdentity, CallerType } from '../../accounts/callerIdentity.js';
import type { LocalAccounts } from '../../accounts/localAccounts.js';
import { parseRoleArn } from '../../accounts/roles.js';
import type { Constraint, Violation } from '../../serviceModel/constraints.js';
import { stsErrors } from './stsErrors.js';
import { stsTime, type XmlMembers } from './stsXml.js';

/** STS's limits on AssumeRole input (API reference). */
const ROLE_ARN_LENGTH = { min: 20, max: 2048 } as const;
const SESSION_NAME_PATTERN = '[\\w+=,.@-]*';
const SESSION_NAME = new RegExp(`^${SESSION_NAME_PATTERN}$`);
const SESSION_NAME_LENGTH = { min: 2, max: 64 } as const;
const DURATION_SECONDS = { min: 900, max: 43_200 } as const;
/** A role's MaxSessionDuration unless set otherwise; local roles keep the default. */
const ROLE_MAX_SESSION_SECONDS = 3600;
/** A session assumed with a role session's credentials lasts an hour at most. */
const CHAINED_MAX_SESSION_SECONDS = 3600;

interface AssumeRoleInput {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
}

/** A broken constraint of one AssumeRole member, for STS's Coral-worded ValidationError. */
function violation(member: string, value: string | null, constraint: Constraint): Violation {
  return { path: [{ member }], value, sensitive: false, constraint };
}

/** The problem with a required text member's presence or length, as STS words it. */
function lengthProblem(
  value: string | null,
  member: string,
  bounds: { readonly min: number; readonly max: number },
): Violation | undefined {
  if (value === null) return violation(member, null, { kind: 'required' });
  if (value.length < bounds.min) return violation(member, value, { kind: 'minLength', limit: bounds.min });
  if (value.length > bounds.max) return violation(member, value, { kind: 'maxLength', limit: bounds.max });
  return undefined;
}

function durationProblem(duration: string | null, seconds: number): Violation | undefined {
  if (duration === null) return undefined;
  if (!Number.isInteger(seconds) || seconds < DURATION_SECONDS.min) {
    return violation('durationSeconds', duration, { kind: 'minValue', limit: DURATION_SECONDS.min });
  }
  if (seconds > DURATION_SECONDS.max) {
    return violation('durationSeconds', duration, { kind: 'maxValue', limit: DURATION_SECONDS.max });
  }
  return undefined;
}

/** The input AssumeRole reads, checked the way STS checks it, every problem named at once. */
function parseInput(params: URLSearchParams): AssumeRoleInput {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  const duration = params.get('DurationSeconds');
  const durationSeconds = duration === null ? ROLE_MAX_SESSION_SECONDS : Number(duration);
  const sessionNameProblem =
    lengthProblem(sessionName, 'roleSessionName', SESSION_NAME_LENGTH) ??
    (SESSION_NAME.test(sessionName ?? '')
      ? undefined
      : violation('roleSessionName', sessionName, { kind: 'pattern', pattern: SESSION_NAME_PATTERN }));
  const problems = [
    lengthProblem(roleArn, 'roleArn', ROLE_ARN_LENGTH),
    sessionNameProblem,
    durationProblem(duration, durationSeconds),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) throw stsErrors.validation(problems);
  return { roleArn: roleArn ?? '', sessionName: sessionName ?? '', durationSeconds };
}

/**
 * AssumeRole: credentials of the role's account, for a role that exists (every role does unless
 * the control API declared it missing; a missing one is AccessDenied, as AWS answers for a role
 * that is absent or does not trust the caller). The session lasts DurationSeconds (an hour by
 * default, at most the role's MaxSessionDuration of an hour, an hour when chaining roles).
 */
export function assumeRole(
  params: URLSearchParams,
  caller: CallerIdentity,
  now: number,
  accounts: Pick<LocalAccounts, 'roles' | 'sessions'>,
): XmlMembers {
  const input = parseInput(params);
  const role = parseRoleArn(input.roleArn);
  if (role === undefined) throw stsErrors.invalidArn();
  if (!accounts.roles.exists(role.account, role.roleName)) throw stsErrors.accessDenied(caller.arn, role.arn);
  if (caller.type === CallerType.AssumedRole && input.durationSeconds > CHAINED_MAX_SESSION_SECONDS) {
    throw stsErrors.durationOverChainingLimit();
  }
  if (input.durationSeconds > ROLE_MAX_SESSION_SECONDS) throw stsErrors.durationOverRoleMaximum();
  const session = accounts.sessions.issue(role, input.sessionName, now + input.durationSeconds * 1000);
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
