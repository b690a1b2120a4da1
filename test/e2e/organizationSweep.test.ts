import { fileURLToPath } from 'node:url';
import { DisableRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import { type Message, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAutomation, startLocalAutomation } from '../../src/local/runner/startLocalAutomation.js';
import { LOCAL_ACCOUNT_ID } from '../../src/local/services/contracts.js';
import { copyConfigurationsOf, sweepCli } from '../fixtures/localAutomationSweeps.js';

/**
 * The organization on the multi-account local cloud: the central stack (its copy worker and
 * sweep worker given the member role), a member account with the member template in two
 * regions, and one whose member role is missing. `status` and `sweep` reach the member through
 * the role from the operator's credentials; the sweep worker does from its own.
 */

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const CENTRAL = LOCAL_ACCOUNT_ID;
const MEMBER = '111111111111';
const ROLELESS = '222222222222';
const HOME = 'us-east-1';
const ROLE = 'copy-autopilot-member';

let automation: LocalAutomation;

beforeAll(async () => {
  automation = await startLocalAutomation({
    serviceDir: SERVICE_DIR,
    port: 0,
    region: HOME,
    params: { memberRoleName: ROLE },
    memberAccounts: [
      { account: MEMBER, regions: [HOME, 'eu-west-1'] },
      { account: ROLELESS, regions: [HOME], roleExists: false },
      { account: CENTRAL, regions: [HOME, 'eu-west-1'] },
    ],
  });
  // As if the namespaces below predated the stack: their CloudTrail events reach no worker.
  const createdRule = automation.deployment.rules.find((name) => name.endsWith('-namespace-created'));
  await automation.clients.events.send(new DisableRuleCommand({ Name: createdRule }));
}, 180_000);

afterAll(async () => {
  await automation?.close();
});

const cli = (argv: string[]) => sweepCli(automation, argv);

async function createNamespace(account: string, region: string, namespaceName: string): Promise<void> {
  await automation.clientsFor(account, region).redshift.send(new CreateNamespaceCommand({ namespaceName }));
}

/** Waits for the copy worker to give a namespace of `account` in `region` its configuration. */
function copyConfigurationsIn(account: string, region: string, namespaceName: string) {
  return copyConfigurationsOf(automation.clientsFor(account, region).redshift, namespaceName);
}

/** The summary rows (account, region, namespaces, non-compliant, status) of a table report. */
function summaryOf(out: readonly string[]): string[][] {
  const end = out.indexOf('');
  return out.slice(1, end === -1 ? undefined : end).map((line) => line.split(/\s{2,}/));
}

describe('CLI: status and sweep across accounts and regions', () => {
  it('shows every target and exits 1 while a member namespace is missing, and 0 after sweep --yes', async () => {
    // Prepare
    await createNamespace(CENTRAL, HOME, 'central-east');
    await createNamespace(MEMBER, 'eu-west-1', 'member-west');
    const scope = [
      '--accounts',
      `${CENTRAL},${MEMBER}`,
      '--regions',
      'us-east-1,eu-west-1',
      '--role-name',
      ROLE,
    ];

    // Act
    const before = await cli(['status', ...scope]);
    const swept = await cli(['sweep', ...scope, '--yes']);
    const member = await copyConfigurationsIn(MEMBER, 'eu-west-1', 'member-west');
    const central = await copyConfigurationsIn(CENTRAL, HOME, 'central-east');
    const after = await cli(['status', ...scope]);

    // Assess
    expect(before.code).toBe(1);
    expect(summaryOf(before.out)).toEqual([
      [CENTRAL, 'eu-west-1', '0', '0', 'ok'],
      [CENTRAL, HOME, '1', '1', 'ok'],
      [MEMBER, 'eu-west-1', '1', '1', 'ok'],
      [MEMBER, HOME, '0', '0', 'ok'],
    ]);
    expect(before.out.find((line) => line.startsWith('member-west '))).toMatch(
      new RegExp(`member-west\\s+${MEMBER}\\s+eu-west-1\\s+missing\\s+everything-else`),
    );
    expect(before.err.at(-1)).toBe('[##########] 4/4 targets, 2/2 namespaces, 2 non-compliant');
    expect(swept.code).toBe(0);
    expect(swept.out.at(-1)).toBe('2 namespaces in 4 targets, 2 non-compliant, 2 requested on bus default.');
    expect(member).toEqual([
      expect.objectContaining({ destinationRegion: 'us-west-2', snapshotRetentionPeriod: 7 }),
    ]);
    expect(central).toHaveLength(1);
    expect(after.code).toBe(0);
    expect(after.out.at(-1)).toBe('2 namespaces in 4 targets: 2 protected. All compliant.');
  }, 90_000);

  it('reports the account whose member role is missing with its error, still reports the other, and exits 3', async () => {
    // Act
    const result = await cli([
      'status',
      '--accounts',
      `${CENTRAL},${ROLELESS}`,
      '--regions',
      HOME,
      '--role-name',
      ROLE,
    ]);

    // Assess
    expect(result.code).toBe(3);
    const [central, roleless] = summaryOf(result.out);
    expect(central).toEqual([CENTRAL, HOME, expect.any(String), expect.any(String), 'ok']);
    expect(roleless?.slice(0, 2)).toEqual([ROLELESS, HOME]);
    expect(roleless?.at(-1)).toMatch(/^failed: AccessDenied: .*sts:AssumeRole/);
    expect(result.err.at(-1)).toMatch(/^error: access denied: /);
  });

  it('prints one CSV row per namespace of every account, and one for the account it could not read', async () => {
    // Act
    const result = await cli([
      'status',
      '--accounts',
      `${MEMBER},${ROLELESS}`,
      '--regions',
      HOME,
      '--role-name',
      ROLE,
      '--output',
      'csv',
    ]);

    // Assess
    expect(result.code).toBe(3);
    expect(result.out[0]).toBe('account,region,namespace,verdict,rule,current_copy,wanted_copy,detail,arn');
    expect(result.out).toContainEqual(
      expect.stringMatching(new RegExp(`^${ROLELESS},${HOME},,target-failed,,,,`)),
    );
  });
});

describe('Scheduled sweep across accounts: sweep tasks on the local cloud', () => {
  async function sendTask(account: string, region: string): Promise<void> {
    const queue = automation.deployment.queues.SweepTasksQueue;
    await automation.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue?.url,
        MessageBody: JSON.stringify({ account, region, planId: 'e2e-plan' }),
      }),
    );
  }

  async function deadLetters(attempts = 100): Promise<Message[]> {
    const queue = automation.deployment.queues.SweepTasksDeadLetterQueue;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const { Messages = [] } = await automation.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue?.url,
          MessageAttributeNames: ['All'],
          MaxNumberOfMessages: 10,
        }),
      );
      if (Messages.length > 0) return Messages;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return [];
  }

  it('sweeps a member account through its role: the copy worker protects what the sweep worker requested', async () => {
    // Prepare
    await createNamespace(MEMBER, HOME, 'member-east');

    // Act
    await sendTask(MEMBER, HOME);
    const configurations = await copyConfigurationsIn(MEMBER, HOME, 'member-east');

    // Assess
    expect(configurations).toEqual([expect.objectContaining({ destinationRegion: 'us-west-2' })]);
  }, 60_000);

  it('dead-letters the task of an account whose member role is missing, with its reason, account and region', async () => {
    // Act
    await sendTask(ROLELESS, HOME);
    const [letter, ...others] = await deadLetters();

    // Assess
    expect(others).toEqual([]);
    const attribute = (name: string) => letter?.MessageAttributes?.[name]?.StringValue;
    expect(JSON.parse(letter?.Body ?? '{}')).toEqual({ account: ROLELESS, region: HOME, planId: 'e2e-plan' });
    expect(attribute('Reason')).toBe('MemberRoleNotAssumable');
    expect(attribute('ErrorName')).toBe('AccessDenied');
    expect(attribute('Account')).toBe(ROLELESS);
    expect(attribute('Region')).toBe(HOME);
    expect(attribute('Attempts')).toBe('1');
  }, 60_000);
});
