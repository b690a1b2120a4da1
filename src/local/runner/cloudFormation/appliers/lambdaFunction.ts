import { physicalName, type ResourceApplier, stringProperty } from '../resourceApplier.js';
import type { LocalFunction } from '../types.js';

/** Lambda's defaults when the template names no timeout or memory (osls always does). */
const DEFAULT_TIMEOUT_SECONDS = 6;
const DEFAULT_MEMORY_MB = 1024;

/**
 * `AWS::Lambda::Function`: recorded for the Lambda runner, which runs the handler in this
 * process (there is no code to upload); Ref is the function name.
 */
export const applyFunction: ResourceApplier = async (resource, stack) => {
  const { properties } = resource;
  const name = physicalName(properties.FunctionName, resource, stack);
  const arn = stack.arnOf('lambda', `function:${name}`);
  const fn: LocalFunction = {
    logicalId: resource.logicalId,
    name,
    arn,
    handler: stringProperty(properties.Handler) ?? '',
    environment: stringRecord((properties.Environment as { Variables?: unknown } | undefined)?.Variables),
    timeoutSeconds: Number(properties.Timeout ?? DEFAULT_TIMEOUT_SECONDS),
    memoryMb: Number(properties.MemorySize ?? DEFAULT_MEMORY_MB),
  };
  stack.deployment.functions[name] = fn;
  stack.functionsByArn.set(arn, fn);
  return { ref: name, attributes: { Arn: arn } };
};

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}
