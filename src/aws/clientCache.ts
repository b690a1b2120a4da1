import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AccountNotManagedError } from '../domain/scope/errors.js';
import { assumeRoleWithTemporaryCredentials } from './assumeRoleWithTemporaryCredentials.js';
import { type AssumeRoleCall, memberRoleCredentials } from './memberRoleCredentials.js';
import { SDK_CLIENT_DEFAULTS } from './sdkClientDefaults.js';

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
  /** The function's own account (AWS_ACCOUNT_ID): the only one reached with its own credentials. */
  readonly ownAccountId: string;
  readonly endpointUrl?: string;
  /** Factories, so tests (and the local cloud) can hand in their own clients. */
  readonly createRedshiftServerless?: (settings: ClientSettings) => RedshiftServerlessClient;
  readonly createSqs?: (settings: ClientSettings) => SQSClient;
  /**
   * Credentials of a role in another account; by default memberRoleCredentials over STS
   * AssumeRole in the home region (assumeRoleWithTemporaryCredentials).
   */
  readonly assumeRole?: (roleArn: string) => CredentialProvider;
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
  #stsAssumeRole?: AssumeRoleCall;

  public constructor(options: ClientCacheOptions) {
    this.#options = options;
  }

  /** The SQS client for the home region (requests queue and DLQ). */
  public sqs(): SQSClient {
    const factory =
      this.#options.createSqs ?? ((settings) => new SQSClient({ ...SDK_CLIENT_DEFAULTS, ...settings }));
    this.#sqs ??= factory(this.#settings(this.#options.homeRegion));
    return this.#sqs;
  }

  /**
   * The Redshift Serverless client for a namespace's account and region: with the function's
   * own credentials in its own account, through `roleArn` (the member role `decideTarget`
   * chose) in any other.
   *
   * The member role is assumed before the client is handed out, so an account whose role
   * refuses us fails here, before any Redshift Serverless call.
   *
   * @throws AccountNotManagedError for another account without a role (never reached with the
   *   function's own credentials, whatever namespace of the same name its own account holds), or
   *   whose role refuses AssumeRole
   */
  public async redshiftServerless(
    account: string,
    region: string,
    roleArn?: string,
  ): Promise<RedshiftServerlessClient> {
    if (account === this.#options.ownAccountId) return this.#redshiftClient(`${account}/${region}`, region);
    if (roleArn === undefined) {
      throw new AccountNotManagedError(
        account,
        `account ${account} is not this stack's own (${this.#options.ownAccountId}) and no member role was given for it: refusing to act with the stack's own credentials`,
      );
    }
    const credentials = this.#memberCredentials(roleArn);
    await credentials();
    return this.#redshiftClient(`${roleArn}/${region}`, region, credentials);
  }

  #redshiftClient(key: string, region: string, credentials?: CredentialProvider): RedshiftServerlessClient {
    let client = this.#redshift.get(key);
    if (client === undefined) {
      const factory =
        this.#options.createRedshiftServerless ??
        ((settings) => new RedshiftServerlessClient({ ...SDK_CLIENT_DEFAULTS, ...settings }));
      client = factory(this.#settings(region, credentials));
      this.#redshift.set(key, client);
    }
    return client;
  }

  /** Closes every client made so far (a CLI run ends; a Lambda environment never needs to). */
  public destroy(): void {
    for (const client of this.#redshift.values()) client.destroy();
    this.#redshift.clear();
    this.#sqs?.destroy();
    this.#sqs = undefined;
  }

  /** One session per role, shared across regions. */
  #memberCredentials(roleArn: string): CredentialProvider {
    let provider = this.#credentials.get(roleArn);
    if (provider === undefined) {
      provider =
        this.#options.assumeRole?.(roleArn) ??
        memberRoleCredentials(roleArn, { assumeRole: this.#defaultAssumeRole() });
      this.#credentials.set(roleArn, provider);
    }
    return provider;
  }

  #defaultAssumeRole(): AssumeRoleCall {
    this.#stsAssumeRole ??= assumeRoleWithTemporaryCredentials({
      region: this.#options.homeRegion,
      endpoint: this.#options.endpointUrl,
    });
    return this.#stsAssumeRole;
  }

  #settings(region: string, credentials?: CredentialProvider): ClientSettings {
    return { region, endpoint: this.#options.endpointUrl, credentials };
  }
}
