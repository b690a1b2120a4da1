import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { sendToDeadLetterQueue } from '../aws/deadLetterQueue.js';
import { delayRetry, RecordRetryError, receiveCountOf } from '../aws/retryVisibility.js';
import { classifyServiceError } from '../domain/classifyServiceError.js';
import { logLevelFor, metricFor, type RecordOutcome, timeToProtectionSeconds } from '../domain/outcome.js';
import { MetricName } from '../observability/metricNames.js';
import { type HandleCopyRequestDeps, handleCopyRequest } from './handleCopyRequest.js';

export interface ProcessCopyRecordDeps extends HandleCopyRequestDeps {
  readonly sqs: SQSClient;
  readonly deadLetterQueueUrl: string;
  /** Local cloud endpoint, for queue URLs derived from ARNs. */
  readonly endpointUrl?: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now?: () => number;
}

/** What the batch processor records for a record that succeeded. */
export type ProcessedRecord = RecordOutcome['kind'];

/**
 * One SQS record: decide its outcome, carry it out, log and count it.
 * - retry: visibility set to the backoff, then thrown (a batch item failure);
 * - dead-lettered: sent to the DLQ with its reason, then acknowledged; if the DLQ refuses,
 *   thrown instead, so the record stays on its queue (never lost);
 * - anything else: acknowledged.
 */
export async function processCopyRecord(
  record: SQSRecord,
  deps: ProcessCopyRecordDeps,
): Promise<ProcessedRecord> {
  const now = deps.now ?? Date.now;
  const started = now();
  const attempts = receiveCountOf(record);
  const outcome = await handleCopyRequest({ body: record.body, receiveCount: attempts }, deps);
  const logger = deps.logger.createChild();
  if (outcome.eventId !== undefined) logger.setCorrelationId(outcome.eventId);
  const line = () => logLine(outcome, attempts, now() - started, record.messageId);

  if (outcome.kind === 'retry') {
    const refusal = await delayRetry(deps.sqs, record, outcome.delaySeconds, deps.endpointUrl);
    // The record is still retried, after the queue's own visibility timeout instead.
    if (refusal !== undefined)
      logger.warn('could not set retry visibility', { error: classifyServiceError(refusal) });
    emit(logger, deps.metrics, outcome, line(), now());
    throw new RecordRetryError(outcome.errorName, outcome.message);
  }

  if (outcome.kind === 'dead-lettered') {
    try {
      await sendToDeadLetterQueue(deps.sqs, deps.deadLetterQueueUrl, {
        body: record.body,
        reason: outcome.reason,
        errorName: outcome.errorName,
        errorMessage: outcome.message,
        attempts,
        sourceMessageId: record.messageId,
        policyRule: outcome.rule,
        eventId: outcome.eventId,
        namespace: outcome.namespace,
      });
    } catch (error) {
      const failure = classifyServiceError(error);
      logger.error('could not dead-letter the record; it stays on its queue', {
        ...line(),
        dlqError: failure,
      });
      deps.metrics
        .singleMetric()
        .addDimension('ErrorName', failure.errorName)
        .addMetric(MetricName.Retried, MetricUnit.Count, 1);
      throw new RecordRetryError(failure.errorName, failure.message, { cause: error });
    }
  }

  emit(logger, deps.metrics, outcome, line(), now());
  return outcome.kind;
}

/**
 * The one structured line per record. Built from the outcome only, so it cannot carry the
 * event's requestParameters (CloudTrail marks secrets there, but we do not rely on it).
 */
function logLine(
  outcome: RecordOutcome,
  attempts: number,
  durationMs: number,
  messageId: string,
): Record<string, unknown> {
  // `message` is the log line's own key; the error's message goes under another name.
  const { kind, message, ...details } = outcome as RecordOutcome & { message?: string };
  return {
    outcome: kind,
    ...details,
    errorMessage: message,
    attempts,
    durationMs,
    messageId,
  };
}

function emit(
  logger: Logger,
  metrics: Metrics,
  outcome: RecordOutcome,
  line: Record<string, unknown>,
  nowMs: number,
): void {
  const message = `copy request ${outcome.kind}`;
  switch (logLevelFor(outcome)) {
    case 'error':
      logger.error(message, line);
      break;
    case 'warn':
      logger.warn(message, line);
      break;
    default:
      logger.info(message, line);
  }
  const metric = metricFor(outcome);
  if (metric !== undefined) {
    if (metric.dimensions === undefined) {
      metrics.addMetric(metric.name, MetricUnit.Count, 1);
    } else {
      // A dimension on the shared buffer would apply to every metric of the invocation.
      const single = metrics.singleMetric();
      for (const [name, value] of Object.entries(metric.dimensions)) single.addDimension(name, value);
      single.addMetric(metric.name, MetricUnit.Count, 1);
    }
  }
  const seconds = timeToProtectionSeconds(outcome, nowMs);
  if (seconds !== undefined) metrics.addMetric(MetricName.TimeToProtection, MetricUnit.Seconds, seconds);
}
