import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadLetterAttributes } from '../../../../src/aws/deadLetterQueue.js';
import { dlqList } from '../../../../src/cli/commands/dlqList.js';
import { dlqRedrive } from '../../../../src/cli/commands/dlqRedrive.js';
import { runCli } from '../../../../src/cli/run.js';
import { createLocalCloud, type LocalCloud } from '../../../../src/local/localCloud.js';
import { memoryContext } from './cliContext.js';

const commands = [dlqList, dlqRedrive];
const region = 'us-east-1';
let cloud: LocalCloud;
let url: string;
let sqs: SQSClient;
let requestsUrl: string;
let deadLetterUrl: string;

const env = () => ({ AWS_ENDPOINT_URL: url, AWS_REGION: region });

const requestEvent = (namespaceName: string) =>
  JSON.stringify({
    version: '0',
    id: `event-${namespaceName}`,
    source: 'copy-autopilot',
    'detail-type': 'Snapshot Copy Requested',
    account: '000000000000',
    region,
    time: '2026-01-01T00:00:00Z',
    resources: [],
    detail: { namespaceName },
  });

const receiveAll = async (queueUrl: string) =>
  (
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    )
  ).Messages ?? [];

beforeEach(async () => {
  cloud = createLocalCloud();
  ({ url } = await cloud.listen(0));
  sqs = new SQSClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  // As serverless.yml names them for stage dev; maxReceiveCount 1 so a test can exhaust retries.
  deadLetterUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'copy-autopilot-dev-requests-dlq' })))
    .QueueUrl as string;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }),
  );
  requestsUrl = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'copy-autopilot-dev-requests',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 1 }),
        },
      }),
    )
  ).QueueUrl as string;
  // What the worker sends for a record no retry can fix.
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: deadLetterUrl,
      MessageBody: requestEvent('prod-orders'),
      MessageAttributes: deadLetterAttributes({
        body: requestEvent('prod-orders'),
        reason: 'invalid policy: rule "everything" copies to us-east-1, the region the namespace is in',
        errorName: 'PolicyDecisionError',
        errorMessage: 'cannot copy to own region',
        attempts: 1,
        sourceMessageId: 'm-1',
        policyRule: 'everything',
        eventId: 'event-prod-orders',
        namespace: 'prod-orders',
      }),
    }),
  );
});

afterEach(async () => {
  sqs.destroy();
  await cloud.close();
});

describe('Command: dlq list', () => {
  it("shows each dead letter's namespace, error, reason, attempts and rule without consuming it", async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(['dlq', 'list'], commands, context);

    // Assess
    expect(code).toBe(0);
    expect(printer.out[0]).toMatch(/^NAMESPACE\s+ERROR\s+REASON\s+ATTEMPTS\s+AGE\s+RULE$/);
    expect(printer.out[1]).toMatch(
      /^prod-orders\s+PolicyDecisionError\s+invalid policy: rule "everything" copies to us-east-1.*\s+1\s+\d+[smhd]\s+everything$/,
    );
    expect(await receiveAll(deadLetterUrl)).toHaveLength(1);
  });

  it('reads the namespace from the body of a message SQS moved after maxReceiveCount', async () => {
    // Prepare: the first receive uses the only attempt, the second moves it to the DLQ.
    await sqs.send(new SendMessageCommand({ QueueUrl: requestsUrl, MessageBody: requestEvent('analytics') }));
    await receiveAll(requestsUrl);
    await receiveAll(requestsUrl);
    const { printer, context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(
      ['dlq', 'list', '--queue', deadLetterUrl, '--output', 'json'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    const { messages } = JSON.parse(printer.out.join('\n')) as { messages: Record<string, unknown>[] };
    const analytics = messages.find((message) => message.namespace === 'analytics');
    expect(analytics).toMatchObject({
      reason: 'retries exhausted (maxReceiveCount on copy-autopilot-dev-requests)',
      eventId: 'event-analytics',
      body: requestEvent('analytics'),
    });
    expect(messages.find((message) => message.namespace === 'prod-orders')).toMatchObject({
      errorMessage: 'cannot copy to own region',
      attempts: 1,
      policyRule: 'everything',
      body: requestEvent('prod-orders'),
    });
  });

  it('exits 2 with a resolution when the stage has no dead-letter queue', async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(['dlq', 'list', '--stage', 'prod'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err.join('\n')).toContain('copy-autopilot-prod-requests-dlq does not exist');
  });
});

describe('Command: dlq redrive', () => {
  it('moves the dead letters back to the requests queue with --yes and prints how many moved', async () => {
    // Prepare
    const { printer, context, questions } = memoryContext({ env: env() });

    // Act
    const code = await runCli(['dlq', 'redrive', '--yes'], commands, context);

    // Assess
    expect(code).toBe(0);
    expect(questions).toEqual([]);
    expect(printer.out).toEqual([
      'moved 1 message(s) from copy-autopilot-dev-requests-dlq to copy-autopilot-dev-requests',
    ]);
    const moved = await receiveAll(requestsUrl);
    expect(moved.map((message) => message.Body)).toEqual([requestEvent('prod-orders')]);
    expect(await receiveAll(deadLetterUrl)).toHaveLength(0);
  });

  it('asks first, and moves when the answer is yes', async () => {
    // Prepare
    const { printer, context, questions } = memoryContext({ env: env(), answer: true });

    // Act
    const code = await runCli(
      ['dlq', 'redrive', '--stack-name', 'copy-autopilot-dev', '--output', 'json'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    expect(questions).toEqual([
      'Move ~1 message(s) from copy-autopilot-dev-requests-dlq back to copy-autopilot-dev-requests?',
    ]);
    expect(JSON.parse(printer.out.join('\n'))).toMatchObject({
      status: 'COMPLETED',
      moved: 1,
      to: requestsUrl,
    });
  });

  it('exits 2 telling to pass --yes when the move is not confirmed, and moves nothing', async () => {
    // Prepare: confirm() answers false, as it does without a terminal.
    const { printer, context } = memoryContext({ env: env(), answer: false });

    // Act
    const code = await runCli(['dlq', 'redrive'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err.join('\n')).toContain('--yes');
    expect(await receiveAll(deadLetterUrl)).toHaveLength(1);
    expect(await receiveAll(requestsUrl)).toHaveLength(0);
  });

  it("exits 2 when the queue is no queue's dead-letter queue", async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(['dlq', 'redrive', '--queue', requestsUrl, '--yes'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err.join('\n')).toContain('is not the dead-letter queue of any queue');
  });
});
