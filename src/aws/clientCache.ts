import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CopyAutopilotError } from '../domain/errors.js';
import { assumeRoleCredentials, type CredentialProvider } from './assumeRoleCredentials.js';

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
  /** The function's own account, when known; otherwise STS GetCallerIdentity is asked once. */
  readonly ownAccountId?: string;
  /** Role to assume in other accounts; absent = other accounts are reached with our own role. */
  readonly memberRoleName?: string;
  readonly endpointUrl?: string;
  /** Factories, so tests (and the local cloud) can hand in their own clients. */
  readonly createRedshiftServerless?: (settings: ClientSettings) => RedshiftServerlessClient;
  readonly createSqs?: (settings: ClientSettings) => SQSClient;
  readonly sts?: STSClient;
}

/** The function's own account could not be determined. */
export class CallerIdentityError extends CopyAutopilotError {
  public constructor(message: string) {
    super(message);
    this.name = 'CallerIdentityError';
  }
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * AWS clients, created once per (account, region) and kept for the life of the execution
 * environment: module scope outlives invocations, so a warm Lambda reuses connections and
 * assumed-role sessions instead of paying for them on every record.
 */
export class ClientCache {
  readonly #options: ClientCacheOptions;
  readonly #redshift = new Map<string, Promise<RedshiftServerlessClient>>();
  readonly #credentials = new Map<string, CredentialProvider>();
  #sqs?: SQSClient;
  #sts?: STSClient;
  #ownAccount?: Promise<string>;

  public constructor(options: ClientCacheOptions) {
    this.#options = options;
  }

  /** The SQS client for the home region (requests queue and DLQ). */
  public sqs(): SQSClient {
    this.#sqs ??= (this.#options.createSqs ?? ((settings) => new SQSClient(settings)))(
      this.#settings(this.#options.homeRegion),
    );
    return this.#sqs;
  }

  /** The Redshift Serverless client for a namespace's account and region. */
  public redshiftServerless(account: string, region: string): Promise<RedshiftServerlessClient> {
    const key = `${account}/${region}`;
    let client = this.#redshift.get(key);
    if (client === undefined) {
      client = this.#createRedshift(account, region);
      // A failed identity lookup must not poison the cache for the next record.
      client.catch(() => this.#redshift.delete(key));
      this.#redshift.set(key, client);
    }
    return client;
  }

  /** The function's own account: from configuration, else from STS once. */
  public ownAccountId(): Promise<string> {
    if (this.#options.ownAccountId !== undefined) return Promise.resolve(this.#options.ownAccountId);
    if (this.#ownAccount === undefined) {
      const lookup = this.#stsClient()
        .send(new GetCallerIdentityCommand({}))
        .then(({ Account }) => {
          if (Account === undefined)
            throw new CallerIdentityError('STS GetCallerIdentity returned no account');
          return Account;
        });
      lookup.catch(() => {
        this.#ownAccount = undefined;
      });
      this.#ownAccount = lookup;
    }
    return this.#ownAccount;
  }

  async #createRedshift(account: string, region: string): Promise<RedshiftServerlessClient> {
    const credentials = await this.#credentialsFor(account);
    const factory = this.#options.createRedshiftServerless ?? ((s) => new RedshiftServerlessClient(s));
    return factory(this.#settings(region, credentials));
  }

  async #credentialsFor(account: string): Promise<CredentialProvider | undefined> {
    const roleName = this.#options.memberRoleName;
    if (roleName === undefined) return undefined;
    if (account === (await this.ownAccountId())) return undefined;
    let provider = this.#credentials.get(account);
    if (provider === undefined) {
      provider = assumeRoleCredentials({
        sts: this.#stsClient(),
        roleArn: `arn:${partitionOf(this.#options.homeRegion)}:iam::${account}:role/${roleName}`,
        sessionName: 'copy-autopilot',
      });
      this.#credentials.set(account, provider);
    }
    return provider;
  }

  #stsClient(): STSClient {
    this.#sts ??= this.#options.sts ?? new STSClient(this.#settings(this.#options.homeRegion));
    return this.#sts;
  }

  #settings(region: string, credentials?: CredentialProvider): ClientSettings {
    return {
      region,
      ...(this.#options.endpointUrl === undefined ? {} : { endpoint: this.#options.endpointUrl }),
      ...(credentials === undefined ? {} : { credentials }),
    };
  }
}
