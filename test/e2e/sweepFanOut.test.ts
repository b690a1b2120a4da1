import { DisableRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumOf } from '../../src/local/runner/emfMetrics.js';
import { type LocalAutomation, startLocalAutomation } from '../../src/local/runner/startLocalAutomation.js';
import { copyConfigurationsOf } from '../fixtures/localAutomationSweeps.js';

/** rate(6 hours) this many times faster: the planner runs every two seconds. */
const SCHEDULE_SPEEDUP = (6 * 3600) / 2;

let automation: LocalAutomation;

beforeAll(async () => {
  // serverless.yml as deployed: the schedule, the planner, the task queue, the sweep worker and
  // the copy worker, all running from the template on the local cloud.
  automation = await startLocalAutomation({
    serviceDir: process.cwd(),
    port: 0,
    scheduleSpeedup: SCHEDULE_SPEEDUP,
  });
}, 120_000);

afterAll(async () => {
  await automation?.close();
});

function functionNamed(suffix: string): string {
  const name = Object.keys(automation.deployment.functions).find((candidate) => candidate.endsWith(suffix));
  if (name === undefined) throw new Error(`no function ending in ${suffix}`);
  return name;
}

describe('Scheduled sweep on the local cloud: planner → task queue → sweep worker', () => {
  it('protects a namespace whose CloudTrail event was missed, on the schedule, with no one asking', async () => {
    // Prepare: the namespace-created rule is off, as if the namespace predated the stack.
    const createdRule = automation.deployment.rules.find((name) => name.endsWith('-namespace-created'));
    await automation.clients.events.send(new DisableRuleCommand({ Name: createdRule }));
    await automation.clients.redshift.send(
      new CreateNamespaceCommand({ namespaceName: 'predates-the-stack' }),
    );

    // Act
    const configurations = await copyConfigurationsOf(automation.clients.redshift, 'predates-the-stack');

    // Assess: the copy worker created what the policy wants, on the sweep's request
    expect(configurations).toEqual([
      expect.objectContaining({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 7 }),
    ]);
    const counters = Object.entries(automation.cloud.events.ruleStats());
    const matched = (suffix: string) => counters.find(([arn]) => arn.endsWith(suffix))?.[1].matched ?? 0;
    expect(matched('-namespace-created')).toBe(0);
    expect(matched('-copy-requested')).toBeGreaterThanOrEqual(1);
    const invocations = automation.runner.invocations;
    const planner = functionNamed('-sweepPlanner');
    const sweepWorker = functionNamed('-sweepWorker');
    expect(
      invocations.some((run) => run.functionName === planner && run.trigger === 'schedule' && !run.error),
    ).toBe(true);
    expect(
      invocations.some(
        (run) => run.functionName === sweepWorker && run.trigger === 'sqs' && run.batch?.failed === 0,
      ),
    ).toBe(true);
    // The metrics the dashboard charts, read back from the functions' EMF lines.
    expect(sumOf(automation.runner.metrics, 'SweepTargetsPlanned')).toBeGreaterThanOrEqual(1);
    expect(sumOf(automation.runner.metrics, 'SweepNamespacesSeen')).toBeGreaterThanOrEqual(1);
    expect(sumOf(automation.runner.metrics, 'SweepEnqueued')).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('dead-letters nothing and leaves no task behind once the runs are over', async () => {
    // Prepare
    const { SweepTasksDeadLetterQueue: dlq } = automation.deployment.queues;

    // Act
    const { Attributes } = await automation.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq?.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );

    // Assess
    expect(dlq?.name).toBe('copy-autopilot-local-sweep-tasks-dlq');
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
  });
});
