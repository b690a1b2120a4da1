import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { CopyAutopilotError } from '../domain/errors.js';

/** The credential shape every SDK v3 client accepts (structurally AwsCredentialIdentity). */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export type CredentialProvider = () => Promise<TemporaryCredentials>;

/** STS answered AssumeRole without credentials: a fault, not something a retry would fix. */
export class AssumeRoleError extends CopyAutopilotError {
  public readonly roleArn: string;

  public constructor(roleArn: string, message: string, options?: ErrorOptions) {
    super(`Cannot assume ${roleArn}: ${message}`, options);
    this.name = 'AssumeRoleError';
    this.roleArn = roleArn;
  }
}

export interface AssumeRoleCredentialsOptions {
  readonly sts: STSClient;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds?: number;
  /** Renew this long before expiry so no request is signed with credentials about to lapse. */
  readonly refreshMarginMs?: number;
  readonly now?: () => number;
}

/**
 * A credential provider that assumes a role through STS, caches the session and renews it
 * shortly before it expires. Concurrent callers share one AssumeRole call.
 *
 * `fromTemporaryCredentials` (@aws-sdk/credential-providers) would do this, but that package is
 * not one of our dependencies; this is the small part of it we need.
 */
export function assumeRoleCredentials(options: AssumeRoleCredentialsOptions): CredentialProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  let cached: TemporaryCredentials | undefined;
  let pending: Promise<TemporaryCredentials> | undefined;

  const fresh = (): boolean =>
    cached !== undefined && (cached.expiration === undefined || cached.expiration.getTime() - margin > now());

  const assume = async (): Promise<TemporaryCredentials> => {
    const { Credentials } = await options.sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: options.sessionName,
        DurationSeconds: options.durationSeconds ?? 3600,
      }),
    );
    if (Credentials?.AccessKeyId === undefined || Credentials.SecretAccessKey === undefined) {
      throw new AssumeRoleError(options.roleArn, 'STS returned no credentials');
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      ...(Credentials.SessionToken === undefined ? {} : { sessionToken: Credentials.SessionToken }),
      ...(Credentials.Expiration === undefined ? {} : { expiration: Credentials.Expiration }),
    };
  };

  return async () => {
    if (fresh() && cached !== undefined) return cached;
    pending ??= assume().then(
      (credentials) => {
        cached = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
