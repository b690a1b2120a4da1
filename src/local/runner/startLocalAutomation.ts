import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createLocalCloud, type LocalCloud, type LocalCloudOptions } from '../localCloud.js';
import { LOCAL_CREDENTIALS } from '../localCredentials.js';
import { LOCAL_ACCOUNT_ID } from '../services/contracts.js';
import { deployTemplate } from './cloudFormation/deployTemplate.js';
import type { CloudFormationTemplate, LocalDeployment } from './cloudFormation/types.js';
import { LambdaRunner, type LambdaRunnerOptions } from './lambdaRunner.js';
import {
  DEFAULT_MEMBER_ROLE_NAME,
  deployMemberAccounts,
  type LocalMemberAccount,
  type LocalMemberDeployment,
  type MemberAccountsSetup,
  memberTemplatePath,
} from './memberAccounts.js';
import { packageTemplate } from './packageService.js';

export type { LocalMemberAccount, LocalMemberDeployment } from './memberAccounts.js';

export interface LocalAutomationOptions {
  readonly serviceDir: string;
  readonly port?: number;
  readonly host?: string;
  readonly stage?: string;
  readonly region?: string;
  /** serverless.yml parameters (`policyFile`, …), as `--param` would pass them. */
  readonly params?: Readonly<Record<string, string>>;
  readonly onLog?: LambdaRunnerOptions['onLog'];
  readonly onInvocation?: LambdaRunnerOptions['onInvocation'];
  readonly echoLogs?: boolean;
  readonly scheduleSpeedup?: number;
  readonly environmentOverrides?: LambdaRunnerOptions['environmentOverrides'];
  readonly functionTimeoutSeconds?: LambdaRunnerOptions['functionTimeoutSeconds'];
  readonly crashAfterBatch?: LambdaRunnerOptions['crashAfterBatch'];
  /** Called once per request the local cloud answers (request counting, `local serve` traces). */
  readonly cloudLog?: LocalCloudOptions['log'];
  /** Called between the steps, for progress output. */
  readonly onStep?: (step: string) => void;
  /**
   * Member accounts to stand up after the central stack: each joins the local organization and
   * gets deploy/member-account.yml in each of its regions, so its namespace events reach the
   * central bus through the template's own forwarding rule. "Two accounts, two regions":
   * `[{ account: '111111111111', regions: ['us-east-1', 'eu-west-1'] }]` (plus the central one).
   */
  readonly memberAccounts?: readonly LocalMemberAccount[];
  /**
   * The member role (MemberRoleName), `copy-autopilot-member` by default. It must equal the
   * policy's scope.memberRoleName: serverless.yml reads the role from the policy (there is no
   * memberRoleName param any more).
   */
  readonly memberRoleName?: string;
  /** The member template; `<serviceDir>/deploy/member-account.yml` by default. */
  readonly memberTemplatePath?: string;
}

/** Real SDK clients pointed at the local cloud, as an operator's would be. */
export interface LocalClients {
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  readonly dynamodb: DynamoDBClient;
  readonly redshift: RedshiftServerlessClient;
}

export interface LocalAutomation {
  readonly cloud: LocalCloud;
  readonly url: string;
  readonly region: string;
  readonly deployment: LocalDeployment;
  readonly runner: LambdaRunner;
  /** Clients of the central account in the home region. */
  readonly clients: LocalClients;
  /** What the member template left in each member (account, region), in deployment order. */
  readonly memberDeployments: readonly LocalMemberDeployment[];
  /** The member role name the member stacks were deployed with. */
  readonly memberRoleName: string;
  /**
   * Clients signed as `account` (its id is the access key id) in `region` (the home region by
   * default); made once, destroyed by `close`.
   */
  clientsFor(account: string, region?: string): LocalClients;
  readonly packagedMs: number;
  close(): Promise<void>;
}

/** Who local clients are and what they add to their requests. */
export interface LocalClientOptions {
  /** Sign as this account (its 12-digit id is the access key id); the central account's `test` credentials by default. */
  readonly account?: string;
  /** Added to every request: the deployer's clients carry the startup gate's pass (see StartupGate) this way. */
  readonly headers?: Readonly<Record<string, string>>;
}

export { LOCAL_CREDENTIALS };

/**
 * Real SDK clients for the local cloud at `url` in `region`: of the central account by default
 * (the `test` credentials), or of `options.account`, whose 12-digit id they sign with.
 */
export function createLocalClients(
  url: string,
  region: string,
  options: LocalClientOptions = {},
): LocalClients {
  const { account, headers = {} } = options;
  const credentials =
    account === undefined
      ? LOCAL_CREDENTIALS
      : { accessKeyId: account, secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey };
  const config = { endpoint: url, region, credentials };
  const clients: LocalClients = {
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
    dynamodb: new DynamoDBClient(config),
    redshift: new RedshiftServerlessClient(config),
  };
  if (Object.keys(headers).length > 0) {
    for (const client of Object.values(clients)) addHeaders(client as unknown as HeaderStack, headers);
  }
  return clients;
}

/** The part of an SDK v3 client's middleware stack a header needs (structural: no @smithy import). */
interface HeaderStack {
  readonly middlewareStack: {
    add(
      middleware: (
        next: (args: { request: unknown }) => Promise<unknown>,
      ) => (args: { request: unknown }) => Promise<unknown>,
      options: { step: 'build'; name: string },
    ): void;
  };
}

function addHeaders(client: HeaderStack, headers: Readonly<Record<string, string>>): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> } | undefined;
      if (request?.headers !== undefined) Object.assign(request.headers, headers);
      return next(args);
    },
    { step: 'build', name: 'localCloudHeaders' },
  );
}

/**
 * The embedded default end to end: boots the local cloud, packages serverless.yml as a deploy
 * would, applies the template to the local cloud and starts the functions' triggers.
 */
export async function startLocalAutomation(options: LocalAutomationOptions): Promise<LocalAutomation> {
  const region = options.region ?? 'us-east-1';
  const step = options.onStep ?? (() => undefined);
  // Not ready until deployed: AWS requests get 503 "starting" meanwhile (src/local/server/startupGate.ts).
  const cloud = createLocalCloud({
    account: LOCAL_ACCOUNT_ID,
    ready: false,
    log: options.cloudLog,
  });
  const { url } = await cloud.listen(options.port ?? 4566, options.host ?? '127.0.0.1');
  try {
    step(`local cloud listening on ${url}: starting (AWS requests get 503 until the automation is deployed)`);
    const packageStarted = performance.now();
    const packaged = await packageTemplate({
      serviceDir: options.serviceDir,
      stage: options.stage ?? 'local',
      region,
      params: options.params,
    });
    const packagedMs = performance.now() - packageStarted;
    step(
      packaged.fromCache
        ? `packaged serverless.yml: unchanged, from the cache (${Math.round(packagedMs)} ms)`
        : `packaged serverless.yml with osls (${Math.round(packagedMs)} ms; cached for the next start)`,
    );
    const deployer = { cloud, url, region, step };
    const { deployment, ...members } = await deployThroughGate(deployer, packaged, options);
    const clientCache = new LocalClientCache(url, region);
    const clients = clientCache.clientsFor(LOCAL_ACCOUNT_ID);
    const runner = new LambdaRunner({
      deployment,
      serviceDir: options.serviceDir,
      sqs: clients.sqs,
      region,
      runtimeEnvironment: {
        AWS_ENDPOINT_URL: url,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_ACCOUNT_ID: LOCAL_ACCOUNT_ID,
      },
      onLog: options.onLog,
      onInvocation: options.onInvocation,
      echoLogs: options.echoLogs,
      scheduleSpeedup: options.scheduleSpeedup,
      environmentOverrides: options.environmentOverrides,
      functionTimeoutSeconds: options.functionTimeoutSeconds,
      crashAfterBatch: options.crashAfterBatch,
    });
    runner.start();
    cloud.startup.open();
    step(`ready: ${url} serves AWS requests`);
    return {
      cloud,
      url,
      region,
      deployment,
      runner,
      clients,
      ...members,
      clientsFor: (account, clientRegion) => clientCache.clientsFor(account, clientRegion),
      packagedMs,
      close: async () => {
        const stopped = runner.stop();
        // The pollers' receives in flight are answered now (empty, or released unprocessed)
        // instead of at the end of their 1 s long poll.
        cloud.sqs.endLongPolls();
        await stopped;
        clientCache.destroy();
        await cloud.close();
      },
    };
  } catch (error) {
    await cloud.close();
    throw error;
  }
}

/** Where the deployer works: the cloud, its URL, the home region, and the progress output. */
interface DeployContext {
  readonly cloud: LocalCloud;
  readonly url: string;
  readonly region: string;
  readonly step: (step: string) => void;
}

/**
 * Applies the template, then the member template into each member (account, region), with
 * clients that carry the startup gate's pass: the deploy goes through the same edge as everyone
 * else, before the gate opens.
 */
async function deployThroughGate(
  context: DeployContext,
  packaged: { readonly template: CloudFormationTemplate; readonly stackName: string },
  options: LocalAutomationOptions,
): Promise<{
  deployment: LocalDeployment;
  memberRoleName: string;
  memberDeployments: LocalMemberDeployment[];
}> {
  const { header, value } = context.cloud.startup.pass;
  const deployers = new LocalClientCache(context.url, context.region, { [header]: value });
  try {
    const deployment = await deployTemplate(packaged.template, deployers.clientsFor(LOCAL_ACCOUNT_ID), {
      stackName: packaged.stackName,
      region: context.region,
      account: LOCAL_ACCOUNT_ID,
      parameters: options.params,
    });
    context.step(describeDeployment(packaged.stackName, deployment));
    const members = await standUpMembers(options, {
      cloud: context.cloud,
      central: { deployment, account: LOCAL_ACCOUNT_ID, region: context.region },
      deployers,
      step: context.step,
    });
    return { deployment, ...members };
  } finally {
    deployers.destroy();
  }
}

/** The member accounts of the options, deployed next to the central stack. */
async function standUpMembers(
  options: LocalAutomationOptions,
  context: Pick<MemberAccountsSetup, 'cloud' | 'central'> & {
    readonly deployers: LocalClientCache;
    readonly step: (step: string) => void;
  },
): Promise<{ memberRoleName: string; memberDeployments: LocalMemberDeployment[] }> {
  const memberRoleName = options.memberRoleName || DEFAULT_MEMBER_ROLE_NAME;
  const memberDeployments = await deployMemberAccounts({
    cloud: context.cloud,
    central: context.central,
    memberAccounts: options.memberAccounts ?? [],
    memberRoleName,
    templatePath: options.memberTemplatePath ?? memberTemplatePath(options.serviceDir),
    clientsFor: (account, region) => context.deployers.clientsFor(account, region),
  });
  if (memberDeployments.length > 0) {
    const places = memberDeployments.map((member) => `${member.account}/${member.region}`);
    context.step(`deployed the member template into ${places.join(', ')}`);
  }
  return { memberRoleName, memberDeployments };
}

function describeDeployment(stackName: string, deployment: LocalDeployment): string {
  return (
    `deployed ${stackName}: ${Object.keys(deployment.queues).length} queues, ` +
    `${deployment.rules.length} rules, ${deployment.tables.length} tables, ` +
    `${Object.keys(deployment.functions).length} functions ` +
    `(${deployment.skipped.length} resources without a local equivalent)`
  );
}

/** Clients per (account, region), made on first use and destroyed together. */
class LocalClientCache {
  readonly #clients = new Map<string, LocalClients>();

  public constructor(
    private readonly url: string,
    private readonly homeRegion: string,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  /** The central account signs with the `test` credentials, any other account with its id. */
  public clientsFor(account: string, region = this.homeRegion): LocalClients {
    const key = `${account}/${region}`;
    let clients = this.#clients.get(key);
    if (clients === undefined) {
      clients = createLocalClients(this.url, region, {
        account: account === LOCAL_ACCOUNT_ID ? undefined : account,
        headers: this.headers,
      });
      this.#clients.set(key, clients);
    }
    return clients;
  }

  public destroy(): void {
    for (const clients of this.#clients.values()) {
      for (const client of Object.values(clients)) client.destroy();
    }
    this.#clients.clear();
  }
}
