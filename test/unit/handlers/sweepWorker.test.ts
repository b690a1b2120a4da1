import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientCache } from '../../../src/aws/clientCache.js';
import type { SweepWorkerConfig } from '../../../src/config/sweepWorkerConfig.js';
import type { Policy } from '../../../src/domain/policy/types.js';
import { loadPolicyFileSync } from '../../../src/policyFiles/loadPolicyFile.js';
import { dlqAttributesOf, stubAssumeRole } from '../../fixtures/copyWorkerAssertions.js';
import { lambdaContext, sqsEvent, sqsRecord } from '../../fixtures/copyWorkerFixtures.js';
import { type CapturedOutput, captureOutput } from '../../fixtures/copyWorkerHarness.js';
import { stubHandlerEnvironment } from '../../fixtures/handlerEnvironment.js';
import { memberRolesThroughStsClient } from '../../fixtures/memberRolesThroughStsClient.js';
import { stubRegion } from '../../fixtures/pagedRedshiftServerless.js';

const HOME = '111111111111';
const MEMBER = '222222222222';
/** In the scope, but its member role is missing: STS refuses AssumeRole. */
const ROLELESS = '333333333333';
/** Not in the scope at all. */
const STRANGER = '444444444444';
const TASKS_ARN = `arn:aws:sqs:us-east-1:${HOME}:copy-autopilot-test-sweep-tasks`;
const DLQ_URL = `https://sqs.us-east-1.amazonaws.com/${HOME}/copy-autopilot-test-sweep-tasks-dlq`;

const POLICY: Policy = {
  ...loadPolicyFileSync(join(import.meta.dirname, '../../fixtures/policies/minimal.yml')),
  scope: {
    accounts: { kind: 'list', accountIds: [MEMBER, ROLELESS] },
    regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1', 'ap-south-2'] },
    memberRoleName: 'copy-autopilot-member',
  },
};

const CONFIG: SweepWorkerConfig = {
  policyFile: '/nonexistent/policy.json',
  eventBusName: 'default',
  concurrency: 4,
  ratePerSecond: 1000,
  deadLetterQueueUrl: DLQ_URL,
  maxAttempts: 5,
  backoff: { baseSeconds: 60, maxSeconds: 900 },
  region: 'us-east-1',
  accountId: HOME,
};

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

// The module builds its own wiring at import, from the environment.
let createSweepWorker: typeof import('../../../src/handlers/sweepWorker.js')['createSweepWorker'];

beforeAll(async () => {
  stubHandlerEnvironment();
  ({ createSweepWorker } = await import('../../../src/handlers/sweepWorker.js'));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

// Each account's client is its own instance, mocked on its own; STS answers AssumeRole for the
// member role (the real memberRoleCredentials asks it, through a client-sts client).
const homeClient = new RedshiftServerlessClient({ region: 'us-east-1' });
const memberClient = new RedshiftServerlessClient({ region: 'eu-west-1' });
const home = mockClient(homeClient);
const member = mockClient(memberClient);
const sqs = mockClient(SQSClient);
const eventBridge = mockClient(EventBridgeClient);
const sts = mockClient(STSClient);
let output: CapturedOutput;

function worker() {
  return createSweepWorker({
    config: CONFIG,
    policy: POLICY,
    clients: new ClientCache({
      homeRegion: 'us-east-1',
      ownAccountId: HOME,
      createRedshiftServerless: (settings) =>
        settings.credentials === undefined ? homeClient : memberClient,
      createSqs: () => new SQSClient({ region: 'us-east-1' }),
      assumeRole: memberRolesThroughStsClient('us-east-1'),
    }),
    eventBridge: new EventBridgeClient({ region: 'us-east-1' }),
    random: () => 0,
    requestOptions: { sleep: async () => undefined },
  });
}

function taskRecord(body: unknown, receiveCount = 1): SQSRecord {
  return sqsRecord(typeof body === 'string' ? body : JSON.stringify(body), {
    messageId: `task-${receiveCount}`,
    receiveCount,
    eventSourceArn: TASKS_ARN,
  });
}

const task = (account: string, region: string) => ({ account, region, planId: 'plan-1' });

function deadLetterAttributes(): Record<string, string | undefined> {
  return dlqAttributesOf(sqs);
}

function metric(name: string): Record<string, unknown>[] {
  return output.jsonLines().filter((line) => name in line);
}

const roleIn = (account: string) => `arn:aws:iam::${account}:role/copy-autopilot-member`;
const assumedRoles = () => sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.RoleArn);

beforeEach(() => {
  output = captureOutput();
  stubAssumeRole(sts);
  sts
    .on(AssumeRoleCommand, { RoleArn: roleIn(ROLELESS) })
    .rejects(
      awsError(
        'AccessDenied',
        `User: arn:aws:sts::${HOME}:assumed-role/sweep is not authorized to perform: sts:AssumeRole on resource: ${roleIn(ROLELESS)}`,
      ),
    );
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dead-letter' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
  eventBridge.on(PutEventsCommand).callsFake(({ Entries }) => ({
    FailedEntryCount: 0,
    Entries: Entries.map((_: unknown, index: number) => ({ EventId: `e-${index}` })),
  }));
});

afterEach(() => {
  for (const stub of [home, member, sqs, eventBridge, sts]) stub.reset();
});

describe('Function: createSweepWorker', () => {
  it('sweeps a target of its own account and counts what it saw and requested', async () => {
    // Prepare
    stubRegion(home, {
      namespaces: ['a-one', 'a-two', 'a-three'],
      copies: { 'a-one': { region: 'us-west-2', retentionDays: 7 } },
    });

    // Act
    const response = await worker()(sqsEvent(taskRecord(task(HOME, 'us-east-1'))), lambdaContext());

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(assumedRoles()).toEqual([]);
    const entries = eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? []);
    expect(entries.map((entry) => JSON.parse(entry.Detail ?? '{}').namespaceName).sort()).toEqual([
      'a-three',
      'a-two',
    ]);
    expect(metric('SweepNamespacesSeen')).toEqual([
      expect.objectContaining({ SweepNamespacesSeen: 3, SweepEnqueued: 2 }),
    ]);
    expect(sqs.commandCalls(SendMessageCommand)).toEqual([]);
  });

  it('sweeps a member account of the scope through its role', async () => {
    // Prepare
    stubRegion(member, { account: MEMBER, region: 'eu-west-1', namespaces: ['m-one'] });

    // Act
    const response = await worker()(sqsEvent(taskRecord(task(MEMBER, 'eu-west-1'))), lambdaContext());

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(assumedRoles()).toEqual([roleIn(MEMBER)]);
    expect(home.calls()).toEqual([]);
    const [entry] = eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? []);
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({
      namespaceName: 'm-one',
      account: MEMBER,
      region: 'eu-west-1',
    });
  });

  it('dead-letters at once, with its reason, account and region, a member account whose role refuses AssumeRole', async () => {
    // Prepare
    const record = taskRecord(task(ROLELESS, 'eu-west-1'));

    // Act
    const response = await worker()(sqsEvent(record), lambdaContext());

    // Assess: the copy worker's words: AccountNotManaged, and what refused
    expect(response).toEqual({ batchItemFailures: [] });
    expect(assumedRoles()).toEqual([roleIn(ROLELESS)]);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toMatchObject({
      QueueUrl: DLQ_URL,
      MessageBody: record.body,
    });
    expect(deadLetterAttributes()).toMatchObject({
      Reason: 'AccountNotManaged',
      ErrorName: 'AccessDenied',
      ErrorMessage: expect.stringContaining('refused AssumeRole'),
      Attempts: '1',
      Account: ROLELESS,
      Region: 'eu-west-1',
    });
    expect(metric('SweepTargetDeadLettered')).toEqual([
      expect.objectContaining({ SweepTargetDeadLettered: 1, Reason: 'AccountNotManaged' }),
    ]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toEqual([]);
  });

  it('refuses a task for an account or a region outside the scope before any call', async () => {
    // Act
    const stranger = await worker()(sqsEvent(taskRecord(task(STRANGER, 'us-east-1'))), lambdaContext());
    const strangerLetter = deadLetterAttributes();
    sqs.resetHistory();
    const region = await worker()(sqsEvent(taskRecord(task(MEMBER, 'sa-east-1'))), lambdaContext());

    // Assess
    expect([stranger, region]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(strangerLetter).toMatchObject({ Reason: 'AccountNotManaged', Account: STRANGER });
    expect(deadLetterAttributes()).toMatchObject({ Reason: 'RegionNotManaged', Region: 'sa-east-1' });
    expect(assumedRoles()).toEqual([]);
    expect([...home.calls(), ...member.calls()]).toEqual([]);
  });

  it('dead-letters at once a region the account has not enabled', async () => {
    // Prepare
    member
      .onAnyCommand()
      .rejects(
        awsError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      );

    // Act
    const response = await worker()(sqsEvent(taskRecord(task(MEMBER, 'ap-south-2'))), lambdaContext());

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(deadLetterAttributes()).toMatchObject({ Reason: 'RegionNotReachable', Region: 'ap-south-2' });
  });

  it('returns a throttled target to the queue with a backoff, then dead-letters it with its reason on the last attempt', async () => {
    // Prepare
    home.onAnyCommand().rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const handler = worker();

    // Act
    const first = await handler(sqsEvent(taskRecord(task(HOME, 'us-east-1'), 1)), lambdaContext());
    const last = await handler(sqsEvent(taskRecord(task(HOME, 'us-east-1'), 5)), lambdaContext());

    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'task-1' }] });
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input)).toEqual([
      {
        QueueUrl: `https://sqs.us-east-1.amazonaws.com/${HOME}/copy-autopilot-test-sweep-tasks`,
        ReceiptHandle: 'receipt-task-1-1',
        VisibilityTimeout: 30,
      },
    ]);
    expect(last).toEqual({ batchItemFailures: [] });
    expect(deadLetterAttributes()).toMatchObject({
      Reason: 'RetriesExhausted',
      ErrorName: 'ThrottlingException',
      Attempts: '5',
      Account: HOME,
    });
  });

  it('retries a target whose requests EventBridge kept refusing', async () => {
    // Prepare
    stubRegion(home, { namespaces: ['a-one'] });
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try later' }],
    });

    // Act
    const response = await worker()(sqsEvent(taskRecord(task(HOME, 'us-east-1'))), lambdaContext());

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'task-1' }] });
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(1);
    expect(output.jsonLines()).toContainEqual(
      expect.objectContaining({ message: 'sweep target retried', errorName: 'SweepIncompleteError' }),
    );
  });

  it('dead-letters a message that is not a sweep task', async () => {
    // Act
    const response = await worker()(sqsEvent(taskRecord('{"account":"nope"}')), lambdaContext());

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(deadLetterAttributes()).toMatchObject({
      Reason: 'MalformedTask',
      ErrorName: 'SweepTaskParseError',
    });
  });

  it('leaves the task on its queue when the DLQ refuses it', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(awsError('KmsAccessDenied'));

    // Act
    const response = await worker()(sqsEvent(taskRecord(task(ROLELESS, 'eu-west-1'))), lambdaContext());

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'task-1' }] });
  });
});
