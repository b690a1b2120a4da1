import { rm } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createLocalCloud, type LocalCloud, type LocalCloudOptions } from '../localCloud.js';
import { LOCAL_CREDENTIALS } from '../localCredentials.js';
import { LOCAL_ACCOUNT_ID } from '../services/contracts.js';
import { deployTemplate, type LocalDeployment } from './cloudFormation/deployTemplate.js';
import { LambdaRunner, type LambdaRunnerOptions } from './lambdaRunner.js';
import { packageService } from './packageService.js';

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

export function createLocalClients(url: string, region: string): LocalClients {
  const config = { endpoint: url, region, credentials: LOCAL_CREDENTIALS };
  return {
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
    dynamodb: new DynamoDBClient(config),
    redshift: new RedshiftServerlessClient(config),
  };
}

/**
 * The embedded default end to end: boots the local cloud, packages serverless.yml as a deploy
 * would, applies the template to the local cloud and starts the functions' triggers.
 */
export async function startLocalAutomation(options: LocalAutomationOptions): Promise<LocalAutomation> {
  const region = options.region ?? 'us-east-1';
  const step = options.onStep ?? (() => undefined);
  const cloud = createLocalCloud({
    account: LOCAL_ACCOUNT_ID,
    ...(options.cloudLog ? { log: options.cloudLog } : {}),
  });
  const { url } = await cloud.listen(options.port ?? 4566, options.host ?? '127.0.0.1');
  try {
    step(`local cloud listening on ${url}`);
    const packageStarted = performance.now();
    const packaged = await packageService({
      serviceDir: options.serviceDir,
      stage: options.stage ?? 'local',
      region,
      params: options.params,
    });
    const packagedMs = performance.now() - packageStarted;
    // Only the template is used: the handlers run from the sources, in this process.
    await rm(packaged.directory, { recursive: true, force: true });
    step(`packaged serverless.yml with osls (${Math.round(packagedMs)} ms)`);
    const clients = createLocalClients(url, region);
    const deployment = await deployTemplate(packaged.template, clients, {
      stackName: packaged.stackName,
      region,
      account: LOCAL_ACCOUNT_ID,
      parameters: options.params,
    });
    step(
      `deployed ${packaged.stackName}: ${Object.keys(deployment.queues).length} queues, ` +
        `${deployment.rules.length} rules, ${deployment.tables.length} tables, ` +
        `${Object.keys(deployment.functions).length} functions ` +
        `(${deployment.skipped.length} resources without a local equivalent)`,
    );
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
    return {
      cloud,
      url,
      region,
      deployment,
      runner,
      clients,
      packagedMs,
      close: async () => {
        await runner.stop();
        for (const client of Object.values(clients)) client.destroy();
        await cloud.close();
      },
    };
  } catch (error) {
    await cloud.close();
    throw error;
  }
}
