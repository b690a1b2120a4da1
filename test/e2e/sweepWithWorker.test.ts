import { DisableRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAutomation, startLocalAutomation } from '../../src/local/runner/startLocalAutomation.js';
import { copyConfigurationsOf, sweepCli } from '../fixtures/localAutomationSweeps.js';

let automation: LocalAutomation;

beforeAll(async () => {
  // serverless.yml as deployed, its copy worker running on the requests queue.
  automation = await startLocalAutomation({ serviceDir: process.cwd(), port: 0 });
}, 120_000);

afterAll(async () => {
  await automation?.close();
});

const cli = (argv: string[]) => sweepCli(automation, argv);

describe('CLI: sweep with the deployed copy worker', () => {
  it('protects a namespace whose CloudTrail event was missed: status missing, sweep, worker, status compliant', async () => {
    // Prepare: the namespace-created rule is off, as if the event never arrived.
    const createdRule = automation.deployment.rules.find((name) => name.endsWith('-namespace-created'));
    await automation.clients.events.send(new DisableRuleCommand({ Name: createdRule }));
    await automation.clients.redshift.send(new CreateNamespaceCommand({ namespaceName: 'legacy-analytics' }));

    // Act
    const before = await cli(['status']);
    const swept = await cli(['sweep', '--yes']);
    const configurations = await copyConfigurationsOf(automation.clients.redshift, 'legacy-analytics');
    const after = await cli(['status']);

    // Assess
    expect(before.code).toBe(1);
    expect(before.out.find((line) => line.startsWith('legacy-analytics '))).toMatch(
      /missing\s+everything-else/,
    );
    expect(swept.code).toBe(0);
    expect(swept.err.at(-1)).toBe('[##########] 1/1 target, 1/1 namespaces, 1 non-compliant');
    expect(configurations).toEqual([
      expect.objectContaining({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 7 }),
    ]);
    // The request came from the sweep, not from CloudTrail.
    const counters = Object.entries(automation.cloud.events.ruleStats());
    const matched = (suffix: string) => counters.find(([arn]) => arn.endsWith(suffix))?.[1].matched ?? 0;
    expect(matched('-namespace-created')).toBe(0);
    expect(matched('-copy-requested')).toBe(1);
    expect(after.code).toBe(0);
    expect(after.out.at(-1)).toBe('1 namespace in 1 target: 1 protected. All compliant.');
  }, 60_000);
});
