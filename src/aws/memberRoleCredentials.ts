import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { classifyServiceError, isAccessDeniedError } from '../domain/classifyServiceError.js';
import { accountOfRoleArn } from '../domain/identifiers.js';
import { AccountNotManagedError } from '../domain/scope/errors.js';

/** The input of one STS AssumeRole call, as STS names its members. */
export interface AssumeRoleParameters {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly DurationSeconds: number;
}

/**
 * One STS AssumeRole call: the role's temporary credentials, or STS's error as thrown (its
 * `name` is what memberRoleCredentials classifies). The workers make it with
 * assumeRoleWithTemporaryCredentials, the CLI with assumeRoleWithStsClient.
 */
export type AssumeRoleCall = (parameters: AssumeRoleParameters) => Promise<AwsCredentialIdentity>;

export interface MemberRoleCredentialsOptions {
  /** Calls STS AssumeRole in the stack's home region, with the caller's own credentials. */
  readonly assumeRole: AssumeRoleCall;
  /** Shown in the member account's CloudTrail as the session that acted. */
  readonly sessionName?: string;
  /** 1 hour: the member template's MaxSessionDuration. */
  readonly durationSeconds?: number;
  /** Clock for the refresh decision; injectable for tests. */
  readonly now?: () => number;
}

/** Credentials are fetched again this long before they expire, so no call runs on expiring ones. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const DEFAULT_SESSION_NAME = 'copy-autopilot';
const DEFAULT_DURATION_SECONDS = 3600;

/**
 * Credentials of the member role `roleArn`, by STS AssumeRole: fetched on first use, shared by
 * concurrent callers, and fetched again shortly before they expire. A role that refuses us
 * (missing, or not trusting the worker's role: STS AccessDenied) means the account is not one
 * the autopilot manages: AccountNotManagedError, so the record is dead-lettered with that reason
 * instead of being retried for an hour. Other failures (throttling, network) pass through to be
 * retried as usual.
 */
export function memberRoleCredentials(
  roleArn: string,
  options: MemberRoleCredentialsOptions,
): AwsCredentialIdentityProvider {
  const now = options.now ?? Date.now;
  let current: Promise<AwsCredentialIdentity> | undefined;
  let refreshAt = 0;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    try {
      return await options.assumeRole({
        RoleArn: roleArn,
        RoleSessionName: options.sessionName ?? DEFAULT_SESSION_NAME,
        DurationSeconds: options.durationSeconds ?? DEFAULT_DURATION_SECONDS,
      });
    } catch (error) {
      if (!isAccessDeniedError(error)) throw error;
      const account = accountOfRoleArn(roleArn) ?? 'unknown';
      const { errorName, message } = classifyServiceError(error);
      throw new AccountNotManagedError(
        account,
        `account ${account} is not reachable: its member role ${roleArn} refused AssumeRole (${errorName}: ${message})`,
        { cause: error },
      );
    }
  };
  return () => {
    if (current === undefined || now() >= refreshAt) {
      refreshAt = Number.POSITIVE_INFINITY;
      current = assume().then(
        (credentials) => {
          const expires = credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
          refreshAt = expires - REFRESH_MARGIN_MS;
          return credentials;
        },
        (error: unknown) => {
          // The next record tries again: a throttled AssumeRole must not stick.
          current = undefined;
          throw error;
        },
      );
    }
    return current;
  };
}
