import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { loadSweepConfig, type SweepConfig } from '../config/sweepConfig.js';
import { CopyAutopilotError } from '../domain/errors.js';
import type { Policy } from '../domain/policy/types.js';
import { METRICS_NAMESPACE, MetricName, SERVICE_NAME } from '../observability/metricNames.js';
import { loadCompiledPolicySync } from '../policy/loadCompiledPolicy.js';
import { type SweepSummary, sweepRegion } from '../sweep/sweepRegion.js';

/** What one sweep did; also the invocation's result, for `invoke local` and tests. */
export interface SweepResult {
  readonly region: string;
  readonly namespaces: number;
  readonly nonCompliant: number;
  readonly enqueued: number;
}

/** Some namespaces were not requested or could not be read; the invocation fails to say so. */
export class SweepIncompleteError extends CopyAutopilotError {
  public readonly failedRequests: number;
  public readonly unreadable: number;

  public constructor(failedRequests: number, unreadable: number) {
    super(
      `sweep incomplete: ${failedRequests} request(s) not accepted by EventBridge, ${unreadable} namespace(s) unreadable`,
    );
    this.name = 'SweepIncompleteError';
    this.failedRequests = failedRequests;
    this.unreadable = unreadable;
  }
}

export interface SweepDeps {
  readonly config: SweepConfig;
  readonly policy: Policy;
  readonly redshift: RedshiftServerlessClient;
  readonly eventBridge: EventBridgeClient;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

export type SweepHandler = (event: ScheduledEvent, context: Context) => Promise<SweepResult>;

/**
 * The scheduled sweep: the safety net for CloudTrail events that never arrived and for
 * namespaces older than the stack. Lists the function's own region, judges every namespace
 * against the policy and puts a "Snapshot Copy Requested" event for each non-compliant one;
 * the copy worker does the rest. Fails the invocation (after logging and counting what it did)
 * when a request was refused or a namespace could not be read, so the Errors alarm sees it.
 */
export function createSweepHandler(deps: SweepDeps): SweepHandler {
  const logger = deps.logger ?? new Logger({ serviceName: SERVICE_NAME });
  const metrics = deps.metrics ?? new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  const { config } = deps;

  const sweep = async (event: ScheduledEvent): Promise<SweepResult> => {
    logger.appendKeys({ scheduledEventId: event.id });
    const summary = await sweepRegion({
      inventory: {
        client: deps.redshift,
        region: config.region,
        concurrency: config.concurrency,
        ratePerSecond: config.ratePerSecond,
      },
      policy: deps.policy,
      eventBridge: deps.eventBridge,
      busName: config.eventBusName,
    });
    report(summary, logger);
    const seen = summary.assessed + summary.unreadable.length;
    metrics.addMetric(MetricName.SweepNamespacesSeen, MetricUnit.Count, seen);
    metrics.addMetric(MetricName.SweepEnqueued, MetricUnit.Count, summary.requested.length);
    const result: SweepResult = {
      region: summary.region,
      namespaces: seen,
      nonCompliant: summary.nonCompliant.length + summary.unreadable.length,
      enqueued: summary.requested.length,
    };
    logger.info('sweep finished', { ...result, gone: summary.gone, bus: config.eventBusName });
    if (summary.failed.length > 0 || summary.unreadable.length > 0) {
      throw new SweepIncompleteError(summary.failed.length, summary.unreadable.length);
    }
    return result;
  };

  return middy(sweep)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

function report(summary: SweepSummary, logger: Logger): void {
  const requested = new Set(summary.requested.map((request) => request.namespaceArn));
  for (const { namespace, compliance } of summary.nonCompliant) {
    logger.info('non-compliant namespace', {
      namespace: namespace.name,
      account: namespace.account,
      region: namespace.region,
      verdict: compliance.verdict,
      rule: compliance.rule,
      detail: compliance.detail,
      enqueued: requested.has(namespace.arn),
    });
  }
  for (const failure of summary.failed) {
    logger.error('request not accepted by EventBridge', {
      namespace: failure.request.namespaceName,
      errorCode: failure.errorCode,
      errorMessage: failure.errorMessage,
    });
  }
  for (const { namespace, error } of summary.unreadable) {
    logger.error('namespace could not be read', { namespace: namespace.name, error });
  }
}

/** The production wiring, from the Lambda environment. */
export function createSweepHandlerFromEnvironment(env: NodeJS.ProcessEnv): SweepHandler {
  const config = loadSweepConfig(env);
  // An invalid policy fails the sweep outright: there is nothing sensible to request without one.
  const policy = loadCompiledPolicySync(config.policyFile);
  const clientConfig = {
    region: config.region,
    ...(config.endpointUrl === undefined ? {} : { endpoint: config.endpointUrl }),
  };
  return createSweepHandler({
    config,
    policy,
    redshift: new RedshiftServerlessClient(clientConfig),
    eventBridge: new EventBridgeClient(clientConfig),
  });
}

let configured: SweepHandler | undefined;

/**
 * Lambda entry point. Built on the first invocation (once per execution environment), not at
 * import, so the module can be imported without a Lambda environment.
 */
export const handler: SweepHandler = (event, context) => {
  configured ??= createSweepHandlerFromEnvironment(process.env);
  return configured(event, context);
};
