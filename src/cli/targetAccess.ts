import { AccountClient } from '@aws-sdk/client-account';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { assumeRoleWithStsClient } from '../aws/assumeRoleWithStsClient.js';
import { ClientCache } from '../aws/clientCache.js';
import { memberRoleCredentials } from '../aws/memberRoleCredentials.js';
import { OrganizationDirectory } from '../aws/organizationDirectory.js';
import { UnexpectedResponseError } from '../aws/redshiftServerlessAdapter.js';
import { memberRoleArn } from '../domain/scope/decideTarget.js';
import type { ScopeDirectory } from '../sweep/planSweepTargets.js';
import type { SdkClientConfig } from './sdkClientConfig.js';

/** The operator's client settings in a region: endpoint, profile or credentials, from the options. */
export type OperatorConfig = (region: string) => SdkClientConfig;

/** The key the caller's own account is cached under before anyone asked STS which it is. */
const CURRENT_ACCOUNT = 'current';

/**
 * How the CLI reaches (account, region) targets: with the operator's credentials in their own
 * account, and through the member role (STS AssumeRole from the operator's credentials, with
 * memberRoleCredentials, as the workers do) in every other; the role ARN is decideTarget's
 * (memberRoleArn, the target region's partition). Clients are made once per (account, region)
 * and closed by `destroy`.
 */
export class TargetAccess {
  readonly #operator: OperatorConfig;
  readonly #homeRegion: string;
  readonly #closers: (() => void)[] = [];
  #clients: ClientCache;
  #caller?: Promise<string>;
  /** The account read with the operator's own credentials (a placeholder until STS said which). */
  #ownAccount = CURRENT_ACCOUNT;
  #roleName?: string;
  #sts?: STSClient;

  /**
   * @param operator - the operator's settings per region
   * @param homeRegion - where STS, Organizations and Account Management are called
   */
  public constructor(operator: OperatorConfig, homeRegion: string) {
    this.#operator = operator;
    this.#homeRegion = homeRegion;
    this.#clients = this.#cache(CURRENT_ACCOUNT);
  }

  /** The account of the operator's credentials (STS GetCallerIdentity, asked once). */
  public callerAccount(): Promise<string> {
    this.#caller ??= (async () => {
      const { Account } = await this.#stsClient().send(new GetCallerIdentityCommand({}));
      if (Account === undefined) throw new UnexpectedResponseError('GetCallerIdentity', 'no Account');
      return Account;
    })();
    return this.#caller;
  }

  /**
   * From now on, accounts other than the caller's are reached through `roleName`. Without this
   * (or without a role name) every target is read with the operator's own credentials.
   */
  public useMemberRole(callerAccount: string, roleName: string | undefined): void {
    this.#clients.destroy();
    this.#ownAccount = callerAccount;
    this.#roleName = roleName;
    this.#clients = this.#cache(callerAccount);
  }

  /**
   * Redshift Serverless in an account (undefined: the caller's own) and region. Another account
   * is reached through the member role only: without one the client cache refuses it
   * (AccountNotManagedError), and a role that refuses AssumeRole fails here, before any call.
   */
  public redshift(account: string | undefined, region: string): Promise<RedshiftServerlessClient> {
    if (account === undefined || account === this.#ownAccount) {
      return this.#clients.redshiftServerless(this.#ownAccount, region);
    }
    const roleArn =
      this.#roleName === undefined ? undefined : memberRoleArn({ account, region }, this.#roleName);
    return this.#clients.redshiftServerless(account, region, roleArn);
  }

  /** EventBridge in a region of the operator's own account (where the stack's bus is). */
  public eventBridge(region: string): EventBridgeClient {
    const client = new EventBridgeClient(this.#operator(region));
    this.#closers.push(() => client.destroy());
    return client;
  }

  /** Organizations and Account Management with the operator's credentials. */
  public directory(callerAccount: string): ScopeDirectory {
    const config = this.#operator(this.#homeRegion);
    const organizations = new OrganizationsClient(config);
    const account = new AccountClient(config);
    this.#closers.push(
      () => organizations.destroy(),
      () => account.destroy(),
    );
    return new OrganizationDirectory({ organizations, account, ownAccount: callerAccount });
  }

  public destroy(): void {
    this.#clients.destroy();
    this.#sts?.destroy();
    for (const close of this.#closers.splice(0)) close();
  }

  #cache(ownAccountId: string): ClientCache {
    return new ClientCache({
      homeRegion: this.#homeRegion,
      ownAccountId,
      endpointUrl: this.#operator(this.#homeRegion).endpoint,
      createRedshiftServerless: (settings) =>
        new RedshiftServerlessClient({
          ...this.#operator(settings.region),
          credentials: settings.credentials ?? this.#operator(settings.region).credentials,
        }),
      assumeRole: (roleArn) =>
        memberRoleCredentials(roleArn, {
          assumeRole: assumeRoleWithStsClient(this.#stsClient()),
          sessionName: 'copy-autopilot-cli',
        }),
    });
  }

  /** STS with the operator's credentials, for AssumeRole into member accounts. */
  #stsClient(): STSClient {
    this.#sts ??= new STSClient(this.#operator(this.#homeRegion));
    return this.#sts;
  }
}
