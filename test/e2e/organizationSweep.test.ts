import { DisableRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import { type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumOf } from '../../src/local/runner/emfMetrics.js';
import type { LocalAutomation } from '../../src/local/runner/startLocalAutomation.js';
import { LOCAL_ACCOUNT_ID } from '../../src/local/services/contracts.js';
import { attributesOf, eventually } from '../fixtures/localAutomationProbes.js';
import { organizationMembers, startAutomation } from '../fixtures/localAutomationStart.js';
import { copyConfigurationsOf, sweepCli } from '../fixtures/localAutomationSweeps.js';

/**
 * The organization on the multi-account local cloud: the central stack deployed with a policy
 * whose scope names a member account (the member template in two regions) and one whose member
 * role is missing. `status` and `sweep` reach the member through the role from the operator's
 * credentials; the planner fans the scope out to the sweep workers, which do from their own.
 */

const POLICY = 'test/fixtures/policies/organization-sweep.yml';
const CENTRAL = LOCAL_ACCOUNT_ID;
const MEMBER = '111111111111';
const ROLELESS = '222222222222';
const HOME = 'us-east-1';

let automation: LocalAutomation;

beforeAll(async () => {
  automation = await startAutomation({
    region: HOME,
    params: { policyFile: POLICY },
    memberAccounts: organizationMembers({ account: MEMBER }, ROLELESS, HOME),
  });
  // As if the namespaces below predated the stack: their CloudTrail events reach no worker.
  const createdRule = automation.deployment.rules.find((name) => name.endsWith('-namespace-created'));
  await automation.clients.events.send(new DisableRuleCommand({ Name: createdRule }));
}, 180_000);

afterAll(async () => {
  await automation?.close();
});

const cli = ([command = 'status', ...options]: string[]) =>
  sweepCli(automation, [command, '--policy', POLICY, ...options]);

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
    const targets = ['--accounts', `${CENTRAL},${MEMBER}`, '--regions', 'us-east-1,eu-west-1'];

    // Act
    const before = await cli(['status', ...targets]);
    const swept = await cli(['sweep', ...targets, '--yes']);
    const member = await copyConfigurationsIn(MEMBER, 'eu-west-1', 'member-west');
    const central = await copyConfigurationsIn(CENTRAL, HOME, 'central-east');
    const after = await cli(['status', ...targets]);

    // Assess: the role name comes from the policy's scope
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
    const result = await cli(['status', '--accounts', `${CENTRAL},${ROLELESS}`, '--regions', HOME]);

    // Assess
    expect(result.code).toBe(3);
    const [central, roleless] = summaryOf(result.out);
    expect(central).toEqual([CENTRAL, HOME, expect.any(String), expect.any(String), 'ok']);
    expect(roleless?.slice(0, 2)).toEqual([ROLELESS, HOME]);
    expect(roleless?.at(-1)).toMatch(/^failed: AccountNotManagedError: .*refused AssumeRole \(AccessDenied/);
    expect(result.err.at(-1)).toMatch(/^error: access denied: /);
  });

  it('reads the accounts, regions and role from the policy’s scope, with your own account, when no option names them', async () => {
    // Act
    const result = await cli(['status', '--output', 'csv']);

    // Assess: three accounts (yours and the scope's two) in the scope's two regions; the role-less
    // account's region list is the scope's, so both of its targets are there, failed
    expect(result.code).toBe(3);
    expect(result.out[0]).toBe('account,region,namespace,verdict,rule,current_copy,wanted_copy,detail,arn');
    const failed = result.out.filter((line) => line.includes(',target-failed,'));
    expect(failed.map((line) => line.split(',').slice(0, 2).join('/')).sort()).toEqual([
      `${ROLELESS}/eu-west-1`,
      `${ROLELESS}/${HOME}`,
    ]);
    expect(result.out).toContainEqual(
      expect.stringMatching(new RegExp(`^${MEMBER},eu-west-1,member-west,protected,`)),
    );
  });

  it('enumerates an `organization` scope with your credentials: every account of the organization in every region it enabled', async () => {
    // Act
    const result = await sweepCli(automation, [
      'status',
      '--policy',
      'test/fixtures/policies/whole-organization.yml',
      '--output',
      'json',
    ]);

    // Assess: Organizations ListAccounts and account:ListRegions answered; the role-less account fails
    const report = JSON.parse(result.out.join('\n')) as {
      targets: { account: string; region: string; status: string }[];
    };
    const byAccount = (account: string) => report.targets.filter((target) => target.account === account);
    expect(result.code).toBe(3);
    expect(new Set(report.targets.map((target) => target.account))).toEqual(
      new Set([CENTRAL, MEMBER, ROLELESS]),
    );
    expect(byAccount(MEMBER).map((target) => target.region)).toEqual(
      expect.arrayContaining([HOME, 'eu-west-1']),
    );
    expect(byAccount(MEMBER).every((target) => target.status === 'ok')).toBe(true);
    expect(byAccount(ROLELESS).length).toBeGreaterThan(0);
    expect(byAccount(ROLELESS).every((target) => target.status === 'failed')).toBe(true);
  }, 60_000);
});

describe('Scheduled sweep across accounts: planner → task queue → sweep workers', () => {
  /** The task DLQ's messages, left on the queue. */
  async function taskDeadLetters(): Promise<Message[]> {
    const queue = automation.deployment.queues.SweepTasksDeadLetterQueue;
    const { Messages = [] } = await automation.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue?.url,
        MessageAttributeNames: ['All'],
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
      }),
    );
    return Messages;
  }

  function scheduledEvent() {
    return {
      version: '0',
      id: 'e2e-plan',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: CENTRAL,
      time: new Date().toISOString(),
      region: HOME,
      resources: [`arn:aws:events:${HOME}:${CENTRAL}:rule/copy-autopilot-local-sweep`],
      detail: {},
    };
  }

  it('plans a task per target of the scope, protects the member’s namespace through its role, and dead-letters the role-less account’s tasks with their reason', async () => {
    // Prepare
    await createNamespace(MEMBER, HOME, 'member-east');
    const planner = Object.keys(automation.deployment.functions).find((name) =>
      name.endsWith('-sweepPlanner'),
    );

    // Act
    const plan = await automation.runner.invoke(planner ?? 'sweepPlanner', scheduledEvent(), 'schedule');
    const configurations = await copyConfigurationsIn(MEMBER, HOME, 'member-east');
    const letters = await eventually('both role-less tasks are dead-lettered', async () => {
      const messages = await taskDeadLetters();
      return messages.length >= 2 ? messages : undefined;
    });

    // Assess: 3 accounts × 2 regions
    expect(plan).toEqual({ planId: 'e2e-plan', targets: 6, sent: 6 });
    expect(sumOf(automation.runner.metrics, 'SweepTargetsPlanned')).toBe(6);
    expect(configurations).toEqual([expect.objectContaining({ destinationRegion: 'us-west-2' })]);
    const attributes = letters.map(attributesOf);
    expect(attributes.map((letter) => letter.Region).sort()).toEqual(['eu-west-1', HOME]);
    for (const letter of attributes) {
      expect(letter).toMatchObject({
        Reason: 'AccountNotManaged',
        ErrorName: 'AccessDenied',
        Account: ROLELESS,
        Attempts: '1',
      });
    }
    expect(JSON.parse(letters[0]?.Body ?? '{}')).toMatchObject({ account: ROLELESS, planId: 'e2e-plan' });
  }, 60_000);
});
