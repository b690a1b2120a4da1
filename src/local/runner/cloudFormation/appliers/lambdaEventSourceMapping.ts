import { TemplateError } from '../errors.js';
import {
  type ResourceApplier,
  type ResourceToApply,
  type StackInProgress,
  stringProperty,
} from '../resourceApplier.js';

/** Lambda's defaults for an SQS event source the template leaves unset. */
const DEFAULT_BATCH_SIZE = 10;
const DEFAULT_MAXIMUM_CONCURRENCY = 5;

/**
 * `AWS::Lambda::EventSourceMapping`: recorded for the Lambda runner once every resource is
 * applied (osls orders a mapping after its function, but a template edited by hand need not).
 * A disabled mapping is checked and left out.
 */
export const applyEventSourceMapping: ResourceApplier = async (resource, stack) => {
  stack.afterResources.push(() => mapEventSource(resource, stack));
  return { ref: `${resource.logicalId}-local`, attributes: {} };
};

function mapEventSource({ logicalId, properties }: ResourceToApply, stack: StackInProgress): void {
  const { deployment } = stack;
  const queueArn = stringProperty(properties.EventSourceArn) ?? '';
  const queue = Object.values(deployment.queues).find((candidate) => candidate.arn === queueArn);
  const functionName = stringProperty(properties.FunctionName) ?? '';
  const fn = deployment.functions[functionName] ?? stack.functionsByArn.get(functionName);
  if (!queue || !fn)
    throw new TemplateError('event source mapping names an unknown queue or function', logicalId);
  if (properties.Enabled === false) return;
  const responseTypes = (properties.FunctionResponseTypes as string[] | undefined) ?? [];
  const scaling = properties.ScalingConfig as { MaximumConcurrency?: number } | undefined;
  deployment.eventSourceMappings.push({
    functionName: fn.name,
    queueArn,
    queueUrl: queue.url,
    batchSize: Number(properties.BatchSize ?? DEFAULT_BATCH_SIZE),
    maximumBatchingWindowSeconds: Number(properties.MaximumBatchingWindowInSeconds ?? 0),
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    maximumConcurrency: Number(scaling?.MaximumConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY),
  });
}
