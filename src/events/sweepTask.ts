import { CopyAutopilotError } from '../domain/errors.js';
import { isAccountId, REGION_CODE_PATTERN } from '../domain/identifiers.js';
import { truncate } from '../domain/truncate.js';
import { describeValue } from './eventFields.js';

/**
 * One unit of the scheduled sweep: one (account, region) of the policy's scope, from one run of
 * the planner. The body of a message on the sweep-task queue:
 * `{"account":"111111111111","region":"eu-west-1","planId":"<schedule event id>"}`.
 */
export interface SweepTask {
  readonly account: string;
  readonly region: string;
  /** The id of the scheduled event that planned it: ties the tasks of one run together in logs. */
  readonly planId: string;
}

/**
 * A sweep-task body that is not one: no retry can fix it, so classifyServiceError's table
 * dead-letters it at once (MalformedTask).
 */
export class SweepTaskParseError extends CopyAutopilotError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SweepTaskParseError';
  }
}

/** The message body of a task: what the planner sends and the sweep worker parses. */
export function sweepTaskBody(task: SweepTask): string {
  return JSON.stringify({ account: task.account, region: task.region, planId: task.planId });
}

/**
 * Reads a sweep-task body.
 *
 * @throws SweepTaskParseError when the body is not JSON, or its account or region is malformed
 */
export function parseSweepTask(body: string): SweepTask {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new SweepTaskParseError(`sweep task body is not JSON: ${truncate(body, 80)}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SweepTaskParseError('sweep task body is not a JSON object');
  }
  const { account, region, planId } = value as Record<string, unknown>;
  if (typeof account !== 'string' || !isAccountId(account)) {
    throw new SweepTaskParseError(`sweep task account must be 12 digits, got ${describeValue(account)}`);
  }
  if (typeof region !== 'string' || !REGION_CODE_PATTERN.test(region)) {
    throw new SweepTaskParseError(`sweep task region is not a region code, got ${describeValue(region)}`);
  }
  return { account, region, planId: typeof planId === 'string' ? truncate(planId, 128) : 'unknown' };
}
