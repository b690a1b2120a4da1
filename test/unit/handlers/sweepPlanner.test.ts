import { join } from 'node:path';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrganizationDirectory } from '../../../src/aws/organizationDirectory.js';
import type { Policy } from '../../../src/domain/policy/types.js';
import { loadPolicyFileSync } from '../../../src/policyFiles/loadPolicyFile.js';
import { lambdaContext } from '../../fixtures/copyWorkerFixtures.js';
import { type CapturedOutput, captureOutput } from '../../fixtures/copyWorkerHarness.js';
import { stubHandlerEnvironment } from '../../fixtures/handlerEnvironment.js';

const HOME = '000000000000';
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${HOME}/copy-autopilot-test-sweep-tasks`;
const RULES = loadPolicyFileSync(join(import.meta.dirname, '../../fixtures/policies/minimal.yml'));

// The module builds its own wiring at import, from the environment.
type PlannerModule = typeof import('../../../src/handlers/sweepPlanner.js');
let createSweepPlannerHandler: PlannerModule['createSweepPlannerHandler'];
let SweepPlanIncompleteError: PlannerModule['SweepPlanIncompleteError'];

beforeAll(async () => {
  stubHandlerEnvironment();
  ({ createSweepPlannerHandler, SweepPlanIncompleteError } = await import(
    '../../../src/handlers/sweepPlanner.js'
  ));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const organizations = mockClient(OrganizationsClient);
const account = mockClient(AccountClient);
const sqs = mockClient(SQSClient);
let output: CapturedOutput;

function planner(policy: Policy) {
  return createSweepPlannerHandler({
    config: {
      policyFile: '/nonexistent.json',
      taskQueueUrl: QUEUE_URL,
      region: 'us-east-1',
      accountId: HOME,
    },
    policy,
    directory: new OrganizationDirectory({
      organizations: new OrganizationsClient({ region: 'us-east-1' }),
      account: new AccountClient({ region: 'us-east-1' }),
      ownAccount: HOME,
    }),
    sqs: new SQSClient({ region: 'us-east-1' }),
    sendOptions: { sleep: async () => undefined },
  });
}

function scheduledEvent(): ScheduledEvent {
  return {
    version: '0',
    id: 'b6f0c9a3-0000-4000-8000-000000000001',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: HOME,
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:${HOME}:rule/copy-autopilot-test-sweep`],
    detail: {},
  };
}

/** Every task the planner sent, as parsed bodies. */
function sentTasks(): unknown[] {
  return sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => JSON.parse(entry.MessageBody ?? '{}'));
}

beforeEach(() => {
  output = captureOutput();
  sqs.on(SendMessageBatchCommand).callsFake(({ Entries }) => ({
    Successful: Entries.map(({ Id }: { Id: string }) => ({ Id, MessageId: `m-${Id}` })),
    Failed: [],
  }));
});

afterEach(() => {
  for (const stub of [organizations, account, sqs]) stub.reset();
});

describe('Function: createSweepPlannerHandler', () => {
  it('sends one task, for its own account and region, when the policy has no scope', async () => {
    // Act
    const result = await planner(RULES)(scheduledEvent(), lambdaContext());

    // Assess
    expect(result).toEqual({ planId: 'b6f0c9a3-0000-4000-8000-000000000001', targets: 1, sent: 1 });
    expect(sentTasks()).toEqual([
      { account: HOME, region: 'us-east-1', planId: 'b6f0c9a3-0000-4000-8000-000000000001' },
    ]);
    expect(organizations.calls()).toEqual([]);
    expect(output.jsonLines()).toContainEqual(expect.objectContaining({ SweepTargetsPlanned: 1 }));
  });

  it('sends a task per ACTIVE account of the organization and enabled region, ten a batch', async () => {
    // Prepare: 11 member accounts, one suspended, each with 2 regions, plus home
    const members = Array.from({ length: 11 }, (_, index) => ({
      Id: String(index + 1).padStart(12, '9'),
      State: index === 3 ? ('SUSPENDED' as const) : ('ACTIVE' as const),
    }));
    organizations
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: members.slice(0, 6), NextToken: 'more' })
      .resolves({ Accounts: members.slice(6) });
    account.on(ListRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
        { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
      ],
    });
    const policy: Policy = {
      ...RULES,
      scope: {
        accounts: { kind: 'organization' },
        regions: { kind: 'all-enabled' },
        memberRoleName: 'member',
      },
    };

    // Act
    const result = await planner(policy)(scheduledEvent(), lambdaContext());

    // Assess: home + 10 active members, 2 regions each
    expect(result).toMatchObject({ targets: 22, sent: 22 });
    expect(
      sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries?.length),
    ).toEqual([10, 10, 2]);
    const accounts = new Set(sentTasks().map((task) => (task as { account: string }).account));
    expect(accounts.has(HOME)).toBe(true);
    expect(accounts.has('999999999994')).toBe(false);
    expect(account.commandCalls(ListRegionsCommand)[0]?.args[0].input.AccountId).toBeUndefined();
  });

  it('sends what it could, then fails the invocation when a task is refused', async () => {
    // Prepare
    sqs.reset();
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'KMS.AccessDeniedException', SenderFault: true, Message: 'denied' }],
    });

    // Act
    const run = planner(RULES)(scheduledEvent(), lambdaContext());

    // Assess
    await expect(run).rejects.toThrow(SweepPlanIncompleteError);
    expect(output.jsonLines()).toContainEqual(
      expect.objectContaining({
        message: 'sweep task not accepted by SQS',
        errorCode: 'KMS.AccessDeniedException',
      }),
    );
    expect(output.jsonLines()).toContainEqual(expect.objectContaining({ SweepTargetsPlanned: 0 }));
  });
});
