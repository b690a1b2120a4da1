import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ClientCache } from '../aws/clientCache.js';
import { SDK_CLIENT_DEFAULTS } from '../aws/sdkClientDefaults.js';
import { loadSweepWorkerConfig, type SweepWorkerConfig } from '../config/sweepWorkerConfig.js';
import type { Policy } from '../domain/policy/types.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../observability/metricNames.js';
import { loadCompiledPolicySync } from '../policyFiles/loadCompiledPolicy.js';
import { type ProcessSweepTaskDeps, processSweepTask } from '../sweep/processSweepTask.js';

/** Everything the sweep worker talks to; the module-level handler builds them from the environment. */
export interface SweepWorkerDeps {
  readonly config: SweepWorkerConfig;
  readonly policy: Policy;
  /** Redshift Serverless per (account, region), through the member role where needed; SQS at home. */
  readonly clients: ClientCache;
  readonly eventBridge: EventBridgeClient;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly random?: () => number;
  readonly requestOptions?: ProcessSweepTaskDeps['requestOptions'];
}

export type SweepWorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The scheduled sweep's second half: each SQS record is one (account, region) of the scope,
 * swept end to end (ListNamespaces and ListSnapshotCopyConfigurations once, tags only where the
 * policy needs them, one request per non-compliant namespace). Partial batch responses: a target
 * that fails never fails the others.
 */
export function createSweepWorker(deps: SweepWorkerDeps): SweepWorkerHandler {
  const logger = deps.logger ?? new Logger({ serviceName: SERVICE_NAME });
  const metrics = deps.metrics ?? new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  const { config } = deps;
  const processor = new BatchProcessor(EventType.SQS);
  const taskDeps: ProcessSweepTaskDeps = {
    policy: deps.policy,
    home: { account: config.accountId, region: config.region },
    redshiftServerless: (account, region, roleArn) =>
      deps.clients.redshiftServerless(account, region, roleArn),
    eventBridge: deps.eventBridge,
    busName: config.eventBusName,
    sqs: deps.clients.sqs(),
    deadLetterQueueUrl: config.deadLetterQueueUrl,
    maxAttempts: config.maxAttempts,
    backoff: config.backoff,
    concurrency: config.concurrency,
    ratePerSecond: config.ratePerSecond,
    logger,
    metrics,
    endpointUrl: config.endpointUrl,
    random: deps.random,
    requestOptions: deps.requestOptions,
  };
  const recordHandler = (record: SQSRecord) => processSweepTask(record, taskDeps);

  const handleBatch = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, {
      context,
      // A retried task already has its backoff: throwing would bring the whole batch back at once.
      throwOnFullBatchFailure: false,
    });

  return middy(handleBatch)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/** The production wiring, from the Lambda environment. */
export function createSweepWorkerFromEnvironment(env: NodeJS.ProcessEnv): SweepWorkerHandler {
  const config = loadSweepWorkerConfig(env);
  // An invalid policy fails the cold start: nothing sensible can be requested without one, and the
  // tasks come back (then reach the DLQ) once it is fixed and deployed.
  const policy = loadCompiledPolicySync(config.policyFile);
  const clients = new ClientCache({
    homeRegion: config.region,
    ownAccountId: config.accountId,
    endpointUrl: config.endpointUrl,
  });
  const eventBridge = new EventBridgeClient({
    ...SDK_CLIENT_DEFAULTS,
    region: config.region,
    endpoint: config.endpointUrl,
  });
  return createSweepWorker({ config, policy, clients, eventBridge });
}

/** Lambda entry point, built at import like every handler (why: src/handlers/copyWorker.ts). */
export const handler: SweepWorkerHandler = createSweepWorkerFromEnvironment(process.env);
