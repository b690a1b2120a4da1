import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createLocalCloud, type LocalCloud, type LocalCloudOptions } from '../localCloud.js';
import { LOCAL_CREDENTIALS } from '../localCredentials.js';
import { LOCAL_ACCOUNT_ID } from '../services/contracts.js';
import {
  type CloudFormationTemplate,
  deployTemplate,
  type LocalDeployment,
} from './cloudFormation/deployTemplate.js';
import { LambdaRunner, type LambdaRunnerOptions } from './lambdaRunner.js';
import { packageTemplate } from './packageService.js';

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
  readonly clients: LocalClients;
  readonly packagedMs: number;
  close(): Promise<void>;
}

export { LOCAL_CREDENTIALS };

/**
 * Real SDK clients for the local cloud at `url`. `headers` are added to every request: the
 * deployer's clients carry the startup gate's pass (see StartupGate) this way.
 */
export function createLocalClients(
  url: string,
  region: string,
  headers: Readonly<Record<string, string>> = {},
): LocalClients {
  const config = { endpoint: url, region, credentials: LOCAL_CREDENTIALS };
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
    ...(options.cloudLog ? { log: options.cloudLog } : {}),
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
    const deployment = await deployThroughGate(cloud, url, region, packaged, options.params);
    step(
      `deployed ${packaged.stackName}: ${Object.keys(deployment.queues).length} queues, ` +
        `${deployment.rules.length} rules, ${deployment.tables.length} tables, ` +
        `${Object.keys(deployment.functions).length} functions ` +
        `(${deployment.skipped.length} resources without a local equivalent)`,
    );
    const clients = createLocalClients(url, region);
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
      packagedMs,
      close: async () => {
        const stopped = runner.stop();
        // The pollers' receives in flight are answered now (empty, or released unprocessed)
        // instead of at the end of their 1 s long poll.
        cloud.sqs.endLongPolls();
        await stopped;
        for (const client of Object.values(clients)) client.destroy();
        await cloud.close();
      },
    };
  } catch (error) {
    await cloud.close();
    throw error;
  }
}

/**
 * Applies the template with clients that carry the startup gate's pass: the deploy goes through
 * the same edge as everyone else, before the gate opens.
 */
async function deployThroughGate(
  cloud: LocalCloud,
  url: string,
  region: string,
  packaged: { readonly template: CloudFormationTemplate; readonly stackName: string },
  parameters: Readonly<Record<string, string>> | undefined,
): Promise<LocalDeployment> {
  const { header, value } = cloud.startup.pass;
  const deployer = createLocalClients(url, region, { [header]: value });
  try {
    return await deployTemplate(packaged.template, deployer, {
      stackName: packaged.stackName,
      region,
      account: LOCAL_ACCOUNT_ID,
      parameters,
    });
  } finally {
    for (const client of Object.values(deployer)) client.destroy();
  }
}
