import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { ClientCache } from '../aws/clientCache.js';
import { sendToDeadLetterQueue } from '../aws/deadLetterQueue.js';
import { delayRetry, RecordRetryError, receiveCountOf } from '../aws/retryVisibility.js';
import type { BackoffOptions } from '../domain/backoff.js';
import { classifyServiceError } from '../domain/classifyServiceError.js';
import type { FailureReason } from '../domain/deadLetterReason.js';
import { type DeadLetterNow, decideFailure } from '../domain/decideFailure.js';
import type { Policy } from '../domain/policy/types.js';
import { type AccountRegion, decideTarget } from '../domain/scope/decideTarget.js';
import { SweepIncompleteError, TargetRefusedError } from '../domain/sweepTargetFailure.js';
import { parseSweepTask, type SweepTask } from '../events/sweepTask.js';
import { MetricName } from '../observability/metricNames.js';
import { verdictOf } from './assessNamespaces.js';
import type { RequestProtectionOptions } from './requestProtection.js';
import { type SweepSummary, sweepTarget } from './sweepTarget.js';

export interface ProcessSweepTaskDeps {
  readonly policy: Policy;
  /** The stack's own account and home region: what decideTarget measures a task against. */
  readonly home: AccountRegion;
  /**
   * A client for the target: with the function's own credentials at home, through `roleArn`
   * elsewhere (AccountNotManagedError when the role refuses AssumeRole).
   */
  readonly redshiftServerless: ClientCache['redshiftServerless'];
  /** The home region's EventBridge, where the requests go (the central bus). */
  readonly eventBridge: EventBridgeClient;
  readonly busName: string;
  readonly sqs: SQSClient;
  readonly deadLetterQueueUrl: string;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  /** Tag reads in flight at once, and Redshift Serverless calls per second, for one target. */
  readonly concurrency: number;
  readonly ratePerSecond?: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Local cloud endpoint, for queue URLs derived from ARNs. */
  readonly endpointUrl?: string;
  /** Jitter source for the backoff. */
  readonly random?: () => number;
  readonly requestOptions?: Pick<RequestProtectionOptions, 'maxAttempts' | 'retryDelayMs' | 'sleep'>;
}

/** What the batch processor records for a task it acknowledges. */
export type SweepTaskResult =
  | {
      readonly kind: 'swept';
      readonly account: string;
      readonly region: string;
      readonly namespaces: number;
      readonly nonCompliant: number;
      readonly enqueued: number;
    }
  | { readonly kind: 'dead-lettered'; readonly reason: FailureReason };

/**
 * One sweep task: sweep its (account, region) and count what was seen and requested. A failure
 * is retried (visibility set to the backoff, then thrown: a batch item failure) or dead-lettered
 * to the task DLQ with its reason, account and region, then acknowledged; if the DLQ refuses,
 * it is thrown instead, so the task stays on its queue (never lost).
 */
export async function processSweepTask(
  record: SQSRecord,
  deps: ProcessSweepTaskDeps,
): Promise<SweepTaskResult> {
  const attempts = receiveCountOf(record);
  let task: SweepTask | undefined;
  let counted = false;
  try {
    task = parseSweepTask(record.body);
    const summary = await sweepOneTarget(task, deps);
    countSweep(deps.metrics, summary.assessed, summary.requested.length);
    counted = true;
    throwIfIncomplete(summary);
    return report(task, summary, deps);
  } catch (error) {
    // What a failed attempt saw and requested counts too (nothing, when it could not list).
    if (!counted) countSweep(deps.metrics, 0, 0);
    // The last attempt dead-letters the task itself, with the reason its retries were for.
    const failure = decideFailure(error, {
      attempts,
      maxAttempts: deps.maxAttempts,
      backoff: deps.backoff,
      random: deps.random,
    });
    const logger = deps.logger.createChild({
      persistentKeys: { account: task?.account, region: task?.region, planId: task?.planId },
    });
    const details = { errorName: failure.errorName, errorMessage: failure.message, attempts };
    if (failure.kind === 'retry') {
      const refusal = await delayRetry(deps.sqs, record, failure.delaySeconds, deps.endpointUrl);
      // The task is still retried, after the queue's own visibility timeout instead.
      if (refusal !== undefined)
        logger.warn('could not set retry visibility', { error: classifyServiceError(refusal) });
      const retried = { ...details, delaySeconds: failure.delaySeconds };
      if (failure.knownError) logger.warn('sweep target retried', retried);
      // An error the table does not know may be a bug: said at error level, not as a warning.
      else logger.error('sweep target retried', retried);
      throw new RecordRetryError(failure.errorName, failure.message, { cause: error });
    }
    await deadLetter(record, failure, task, attempts, deps, logger);
    logger.error('sweep target dead-lettered', { ...details, reason: failure.reason });
    deps.metrics
      .singleMetric()
      .addDimension('Reason', failure.reason)
      .addMetric(MetricName.SweepTargetDeadLettered, MetricUnit.Count, 1);
    return { kind: 'dead-lettered', reason: failure.reason };
  }
}

/**
 * Sweeps the task's target, if the policy's scope manages it: a task naming another account or
 * region (one put on the queue by hand, or planned before the policy changed) is refused before
 * any call, as the copy worker refuses such a record.
 */
async function sweepOneTarget(task: SweepTask, deps: ProcessSweepTaskDeps): Promise<SweepSummary> {
  const target = decideTarget(deps.policy.scope, deps.home, task);
  if (target.kind === 'refused') throw new TargetRefusedError(target.reason, target.message);
  const client = await deps.redshiftServerless(
    task.account,
    task.region,
    target.kind === 'member' ? target.roleArn : undefined,
  );
  return sweepTarget({
    inventory: {
      client,
      region: task.region,
      concurrency: deps.concurrency,
      ratePerSecond: deps.ratePerSecond,
    },
    policy: deps.policy,
    eventBridge: deps.eventBridge,
    busName: deps.busName,
    requestOptions: deps.requestOptions,
  });
}

/** Every invocation publishes what it saw and requested (it has one target: batch size 1). */
function countSweep(metrics: Metrics, namespaces: number, requested: number): void {
  metrics.addMetric(MetricName.SweepNamespacesSeen, MetricUnit.Count, namespaces);
  metrics.addMetric(MetricName.SweepEnqueued, MetricUnit.Count, requested);
}

/**
 * Some namespaces could not be read or requested: the task is retried (what was requested
 * stays requested; the next attempt sweeps the target again, and List before Create keeps the
 * repeated requests cheap).
 */
function throwIfIncomplete(summary: SweepSummary): void {
  if (summary.unreadable.length === 0 && summary.failed.length === 0) return;
  const errors = [
    ...summary.unreadable.map(({ error }) => `${error.name}: ${error.message}`),
    ...summary.failed.map((failure) => `${failure.errorCode}: ${failure.errorMessage}`),
  ];
  throw new SweepIncompleteError(summary.unreadable.length, summary.failed.length, errors[0] ?? '-');
}

function report(task: SweepTask, summary: SweepSummary, deps: ProcessSweepTaskDeps): SweepTaskResult {
  const swept = {
    kind: 'swept',
    account: task.account,
    region: task.region,
    namespaces: summary.assessed,
    nonCompliant: summary.nonCompliant.length,
    enqueued: summary.requested.length,
  } as const;
  const logger = deps.logger.createChild({ persistentKeys: { planId: task.planId } });
  for (const assessed of summary.nonCompliant)
    logger.info('non-compliant namespace', { ...verdictOf(assessed) });
  logger.info('sweep target done', {
    account: swept.account,
    region: swept.region,
    namespaces: swept.namespaces,
    nonCompliant: swept.nonCompliant,
    enqueued: swept.enqueued,
    gone: summary.gone,
    bus: deps.busName,
  });
  return swept;
}

async function deadLetter(
  record: SQSRecord,
  failure: DeadLetterNow,
  task: SweepTask | undefined,
  attempts: number,
  deps: ProcessSweepTaskDeps,
  logger: Logger,
): Promise<void> {
  try {
    await sendToDeadLetterQueue(deps.sqs, deps.deadLetterQueueUrl, {
      body: record.body,
      reason: failure.reason,
      errorName: failure.errorName,
      errorMessage: failure.message,
      attempts,
      sourceMessageId: record.messageId,
      account: task?.account,
      region: task?.region,
    });
  } catch (error) {
    const refusal = classifyServiceError(error);
    logger.error('could not dead-letter the sweep task; it stays on its queue', {
      reason: failure.reason,
      dlqError: refusal,
    });
    throw new RecordRetryError(refusal.errorName, refusal.message, { cause: error });
  }
}
