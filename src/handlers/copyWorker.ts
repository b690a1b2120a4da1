import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ClientCache } from '../aws/clientCache.js';
import { loadWorkerConfig, type WorkerConfig } from '../config/workerConfig.js';
import { METRICS_NAMESPACE, MetricName, SERVICE_NAME } from '../observability/metricNames.js';
import { loadCompiledPolicySync } from '../policyFiles/loadCompiledPolicy.js';
import type { PolicyState } from '../worker/handleCopyRequest.js';
import { createIdempotentEnsure } from '../worker/idempotentEnsure.js';
import { processCopyRecord } from '../worker/processCopyRecord.js';

/** Everything the worker talks to; the module-level handler builds them from the environment. */
export interface CopyWorkerDeps {
  readonly config: WorkerConfig;
  readonly policy: PolicyState;
  readonly clients: ClientCache;
  readonly dynamoDb: DynamoDBClient;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Jitter source for retry delays. */
  readonly random?: () => number;
  readonly now?: () => number;
}

export type CopyWorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The copy worker: one SQS batch in, partial batch response out. Records are processed in
 * parallel and independently: one bad record never fails its batch.
 */
export function createCopyWorker(deps: CopyWorkerDeps): CopyWorkerHandler {
  const logger = deps.logger ?? new Logger({ serviceName: SERVICE_NAME });
  const metrics = deps.metrics ?? new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  const idempotency = createIdempotentEnsure({
    dynamoDb: deps.dynamoDb,
    tableName: deps.config.idempotencyTableName,
    expiresAfterSeconds: deps.config.idempotencyTtlSeconds,
  });
  const processor = new BatchProcessor(EventType.SQS);
  const recordDeps = {
    policy: deps.policy,
    home: { account: deps.config.accountId, region: deps.config.region },
    redshiftServerless: (account: string, region: string, roleArn?: string) =>
      deps.clients.redshiftServerless(account, region, roleArn),
    ensure: idempotency.ensure,
    backoff: deps.config.backoff,
    sqs: deps.clients.sqs(),
    deadLetterQueueUrl: deps.config.deadLetterQueueUrl,
    logger,
    metrics,
    endpointUrl: deps.config.endpointUrl,
    random: deps.random,
    now: deps.now,
  };
  const recordHandler = (record: SQSRecord) => processCopyRecord(record, recordDeps);

  const handleBatch = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    // Lets an in-progress idempotency record expire with this invocation if it times out.
    idempotency.config.registerLambdaContext(context);
    // Also keeps Powertools from warning "No application metrics to publish" on batches whose
    // only metrics are per-record single metrics (retries, dead letters).
    metrics.addMetric(MetricName.RecordsReceived, MetricUnit.Count, event.Records.length);
    return processPartialResponse(event, recordHandler, processor, {
      context,
      // A batch whose every record is retried must still answer with its item failures (each
      // already has its backoff): throwing would make the whole batch reappear at once.
      throwOnFullBatchFailure: false,
    });
  };

  return middy(handleBatch)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/** Loads the policy once; a broken policy does not crash the function, it dead-letters records. */
export function loadPolicyState(path: string): PolicyState {
  try {
    return { kind: 'valid', policy: loadCompiledPolicySync(path) };
  } catch (error) {
    return { kind: 'invalid', error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The production wiring, from the Lambda environment. */
export function createCopyWorkerFromEnvironment(env: NodeJS.ProcessEnv): CopyWorkerHandler {
  // A missing variable is a broken deployment: failing the cold start says so loudest.
  const config = loadWorkerConfig(env);
  // The member role and the scope come from the policy; the clients only need to know home.
  const clients = new ClientCache({
    homeRegion: config.region,
    ownAccountId: config.accountId,
    endpointUrl: config.endpointUrl,
  });
  const dynamoDb = new DynamoDBClient({ region: config.region, endpoint: config.endpointUrl });
  return createCopyWorker({ config, policy: loadPolicyState(config.policyFile), clients, dynamoDb });
}

/**
 * Lambda entry point, built at import, as every handler in src/handlers is: Lambda imports the
 * module in its init phase, once per execution environment and before the first event, so the
 * configuration, the policy and the clients cost nothing on the first record's latency, and a
 * broken configuration fails the init, where Lambda reports it (Runtime.InitError), rather than
 * every invocation. (The local runner sets a function's variables before importing its module.)
 */
export const handler: CopyWorkerHandler = createCopyWorkerFromEnvironment(process.env);
