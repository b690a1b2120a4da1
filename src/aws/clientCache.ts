import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { SQSClient } from '@aws-sdk/client-sqs';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { partitionOf } from '../domain/awsRegions.js';
import { CopyAutopilotError } from '../domain/errors.js';

export type CredentialProvider = AwsCredentialIdentityProvider;

/** Settings a client needs beyond its region. */
export interface ClientSettings {
  readonly region: string;
  readonly endpoint?: string;
  /** Absent = the default provider chain (the function's own role). */
  readonly credentials?: CredentialProvider;
}

export interface ClientCacheOptions {
  /** The function's home region: its queues and STS calls live here. */
  readonly homeRegion: string;
  /** The function's own account (AWS_ACCOUNT_ID); required with memberRoleName. */
  readonly ownAccountId?: string;
  /** Role to assume in other accounts; absent = other accounts are reached with our own role. */
  readonly memberRoleName?: string;
  readonly endpointUrl?: string;
  /** Factories, so tests (and the local cloud) can hand in their own clients. */
  readonly createRedshiftServerless?: (settings: ClientSettings) => RedshiftServerlessClient;
  readonly createSqs?: (settings: ClientSettings) => SQSClient;
  /** Credentials of a role in another account; STS AssumeRole (SDK-cached and renewed) by default. */
  readonly assumeRole?: (roleArn: string) => CredentialProvider;
}

/** Cross-account access is configured without the function's own account to tell accounts apart. */
export class OwnAccountUnknownError extends CopyAutopilotError {
  public constructor(message: string) {
    super(message);
    this.name = 'OwnAccountUnknownError';
  }
}

/**
 * AWS clients, created once per (account, region) and kept for the life of the execution
 * environment: module scope outlives invocations, so a warm Lambda reuses connections and
 * assumed-role sessions instead of paying for them on every record.
 */
export class ClientCache {
  readonly #options: ClientCacheOptions;
  readonly #redshift = new Map<string, RedshiftServerlessClient>();
  readonly #credentials = new Map<string, CredentialProvider>();
  #sqs?: SQSClient;

  public constructor(options: ClientCacheOptions) {
    if (options.memberRoleName !== undefined && options.ownAccountId === undefined) {
      throw new OwnAccountUnknownError(
        'a member role name is set but the function’s own account is not (AWS_ACCOUNT_ID): it could not tell home from member accounts',
      );
    }
    this.#options = options;
  }

  /** The SQS client for the home region (requests queue and DLQ). */
  public sqs(): SQSClient {
    this.#sqs ??= (this.#options.createSqs ?? ((settings) => new SQSClient(settings)))(
      this.#settings(this.#options.homeRegion),
    );
    return this.#sqs;
  }

  /**
   * The Redshift Serverless client for a namespace's account and region. A promise, so a
   * credential source that needs I/O up front can be swapped in without changing callers.
   */
  public redshiftServerless(account: string, region: string): Promise<RedshiftServerlessClient> {
    const key = `${account}/${region}`;
    let client = this.#redshift.get(key);
    if (client === undefined) {
      const factory =
        this.#options.createRedshiftServerless ?? ((settings) => new RedshiftServerlessClient(settings));
      client = factory(this.#settings(region, this.#credentialsFor(account)));
      this.#redshift.set(key, client);
    }
    return Promise.resolve(client);
  }

  #credentialsFor(account: string): CredentialProvider | undefined {
    const roleName = this.#options.memberRoleName;
    if (roleName === undefined) return undefined;
    if (account === this.#options.ownAccountId) return undefined;
    let provider = this.#credentials.get(account);
    if (provider === undefined) {
      const roleArn = `arn:${partitionOf(this.#options.homeRegion, 'by-prefix')}:iam::${account}:role/${roleName}`;
      provider = (this.#options.assumeRole ?? ((arn) => this.#assumeRole(arn)))(roleArn);
      this.#credentials.set(account, provider);
    }
    return provider;
  }

  #assumeRole(roleArn: string): CredentialProvider {
    return fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: 'copy-autopilot' },
      clientConfig: {
        region: this.#options.homeRegion,
        ...(this.#options.endpointUrl === undefined ? {} : { endpoint: this.#options.endpointUrl }),
      },
    });
  }

  #settings(region: string, credentials?: CredentialProvider): ClientSettings {
    return {
      region,
      ...(this.#options.endpointUrl === undefined ? {} : { endpoint: this.#options.endpointUrl }),
      ...(credentials === undefined ? {} : { credentials }),
    };
  }
}
