import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { LocalFunction } from './cloudFormation/types.js';

/** A Lambda context as the runtime hands it to a handler, with a deadline from the function's timeout. */
export function createLambdaContext(fn: LocalFunction, now: () => number = Date.now): Context {
  const deadline = now() + fn.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `local/${fn.name}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
