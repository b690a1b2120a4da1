import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { AccountClient } from '@aws-sdk/client-account';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { DeliverInBatchesOptions } from '../aws/deliverInBatches.js';
import { OrganizationDirectory } from '../aws/organizationDirectory.js';
import { sendSweepTasks } from '../aws/sweepTaskQueue.js';
import { loadSweepPlannerConfig, type SweepPlannerConfig } from '../config/sweepPlannerConfig.js';
import { CopyAutopilotError } from '../domain/errors.js';
import type { Policy } from '../domain/policy/types.js';
import { METRICS_NAMESPACE, MetricName, SERVICE_NAME } from '../observability/metricNames.js';
import { loadCompiledPolicySync } from '../policyFiles/loadCompiledPolicy.js';
import { planSweepTargets, type ScopeDirectory } from '../sweep/planSweepTargets.js';

/** What one planning run did; also the invocation's result, for `invoke local` and tests. */
export interface SweepPlanResult {
  /** The scheduled event's id: every task of this run carries it. */
  readonly planId: string;
  readonly targets: number;
  readonly sent: number;
}

/** Some targets were not planned or not sent; the invocation fails so the Errors alarm sees it. */
export class SweepPlanIncompleteError extends CopyAutopilotError {
  public constructor(unplannedAccounts: number, unsentTasks: number) {
    super(
      `sweep plan incomplete: ${unplannedAccounts} account(s) whose regions could not be listed, ${unsentTasks} task(s) not accepted by SQS`,
    );
    this.name = 'SweepPlanIncompleteError';
  }
}

export interface SweepPlannerDeps {
  readonly config: SweepPlannerConfig;
  readonly policy: Policy;
  readonly directory: ScopeDirectory;
  readonly sqs: SQSClient;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly sendOptions?: DeliverInBatchesOptions;
}

export type SweepPlannerHandler = (event: ScheduledEvent, context: Context) => Promise<SweepPlanResult>;

/**
 * The scheduled sweep's first half: enumerates the (account, region) targets of the policy's
 * scope and sends one task per target to the sweep-task queue, where sweep workers take them up
 * in parallel. Fails the invocation (after sending what it could, logging and counting) when an
 * account's regions could not be listed or a task was refused.
 */
export function createSweepPlannerHandler(deps: SweepPlannerDeps): SweepPlannerHandler {
  const logger = deps.logger ?? new Logger({ serviceName: SERVICE_NAME });
  const metrics = deps.metrics ?? new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  const { config } = deps;

  const plan = async (event: ScheduledEvent): Promise<SweepPlanResult> => {
    const planId = event.id;
    logger.appendKeys({ planId });
    const home = { account: config.accountId, region: config.region };
    const { targets, unplanned } = await planSweepTargets(deps.policy.scope, home, deps.directory);
    for (const { account, error } of unplanned) {
      logger.error('regions of an account could not be listed', {
        account,
        errorName: error.name,
        errorMessage: error.message,
      });
    }
    const tasks = targets.map((target) => ({ ...target, planId }));
    const { delivered, failed } = await sendSweepTasks(
      deps.sqs,
      config.taskQueueUrl,
      tasks,
      deps.sendOptions,
    );
    for (const { item, errorCode, errorMessage } of failed) {
      logger.error('sweep task not accepted by SQS', {
        account: item.account,
        region: item.region,
        errorCode,
        errorMessage,
      });
    }
    metrics.addMetric(MetricName.SweepTargetsPlanned, MetricUnit.Count, delivered.length);
    const result = { planId, targets: targets.length, sent: delivered.length };
    logger.info('sweep planned', { ...result, accounts: new Set(targets.map((t) => t.account)).size });
    if (unplanned.length > 0 || failed.length > 0)
      throw new SweepPlanIncompleteError(unplanned.length, failed.length);
    return result;
  };

  return middy(plan)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/** The production wiring, from the Lambda environment. */
export function createSweepPlannerFromEnvironment(env: NodeJS.ProcessEnv): SweepPlannerHandler {
  const config = loadSweepPlannerConfig(env);
  // An invalid policy fails the run outright: without a scope there is nothing to plan.
  const policy = loadCompiledPolicySync(config.policyFile);
  const clientConfig = { region: config.region, endpoint: config.endpointUrl };
  return createSweepPlannerHandler({
    config,
    policy,
    directory: new OrganizationDirectory({
      organizations: new OrganizationsClient(clientConfig),
      account: new AccountClient(clientConfig),
      ownAccount: config.accountId,
    }),
    sqs: new SQSClient(clientConfig),
  });
}

/** Lambda entry point, built at import like every handler (why: src/handlers/copyWorker.ts). */
export const handler: SweepPlannerHandler = createSweepPlannerFromEnvironment(process.env);
