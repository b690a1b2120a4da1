import { partitionOfRegion } from '../accounts/partition.js';

/** The rule a schedule fires for, and where. */
export interface ScheduledRule {
  readonly ruleName: string;
  readonly region: string;
  readonly account: string;
}

/**
 * The event a schedule rule hands a function target that has no Input: a `Scheduled Event` from
 * `aws.events` whose resources name the rule's ARN, in the partition of the rule's region.
 */
export function scheduledEvent(rule: ScheduledRule): Record<string, unknown> {
  const { ruleName, region, account } = rule;
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: new Date().toISOString(),
    region,
    resources: [`arn:${partitionOfRegion(region)}:events:${region}:${account}:rule/${ruleName}`],
    detail: {},
  };
}
