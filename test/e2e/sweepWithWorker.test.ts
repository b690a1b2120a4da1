import { DisableRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateNamespaceCommand,
  ListSnapshotCopyConfigurationsCommand,
} from '@aws-sdk/client-redshift-serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { status } from '../../src/cli/commands/status.js';
import { sweep } from '../../src/cli/commands/sweep.js';
import { createMemoryPrinter } from '../../src/cli/printer.js';
import { runCli } from '../../src/cli/run.js';
import {
  LOCAL_CREDENTIALS,
  type LocalAutomation,
  startLocalAutomation,
} from '../../src/local/runner/startLocalAutomation.js';

let automation: LocalAutomation;

beforeAll(async () => {
  // serverless.yml as deployed, its copy worker running on the requests queue.
  automation = await startLocalAutomation({ serviceDir: process.cwd(), port: 0 });
}, 120_000);

afterAll(async () => {
  await automation?.close();
});

async function cli(argv: string[]) {
  const printer = createMemoryPrinter();
  const context: CommandContext = {
    printer,
    env: {
      AWS_ENDPOINT_URL: automation.url,
      AWS_REGION: automation.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    },
    cwd: process.cwd(),
    interrupted: new Promise(() => undefined),
    confirm: async () => false,
  };
  const code = await runCli(argv, [status, sweep], context);
  return { code, out: printer.out, err: printer.err };
}

/** Waits for the worker, which runs on its own schedule, to create the configuration. */
async function copyConfigurationsOf(namespaceName: string, attempts = 100) {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const { snapshotCopyConfigurations = [] } = await automation.clients.redshift.send(
      new ListSnapshotCopyConfigurationsCommand({ namespaceName }),
    );
    if (snapshotCopyConfigurations.length > 0) return snapshotCopyConfigurations;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return [];
}

describe('CLI: sweep with the deployed copy worker', () => {
  it('protects a namespace whose CloudTrail event was missed: status missing, sweep, worker, status compliant', async () => {
    // Prepare: the namespace-created rule is off, as if the event never arrived.
    const createdRule = automation.deployment.rules.find((name) => name.endsWith('-namespace-created'));
    await automation.clients.events.send(new DisableRuleCommand({ Name: createdRule }));
    await automation.clients.redshift.send(new CreateNamespaceCommand({ namespaceName: 'legacy-analytics' }));

    // Act
    const before = await cli(['status']);
    const swept = await cli(['sweep', '--yes']);
    const configurations = await copyConfigurationsOf('legacy-analytics');
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
