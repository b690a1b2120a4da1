import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trigger } from '../../../../src/cli/commands/trigger.js';
import { runCli } from '../../../../src/cli/run.js';
import { createLocalCloud, type LocalCloud } from '../../../../src/local/localCloud.js';
import { memoryContext } from './cliContext.js';

const commands = [trigger];
const region = 'us-east-1';
let cloud: LocalCloud;
let url: string;
let sqs: SQSClient;
let events: EventBridgeClient;
let queueUrl: string;

const env = () => ({ AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });

beforeEach(async () => {
  cloud = createLocalCloud();
  ({ url } = await cloud.listen(0));
  const config = { endpoint: url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  sqs = new SQSClient(config);
  events = new EventBridgeClient(config);
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'copy-autopilot-dev-requests' })))
    .QueueUrl as string;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  await events.send(
    new PutRuleCommand({
      Name: 'copy-autopilot-dev-copy-requested',
      EventPattern: JSON.stringify({
        source: ['copy-autopilot'],
        'detail-type': ['Snapshot Copy Requested'],
      }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'copy-autopilot-dev-copy-requested',
      Targets: [{ Id: 'requests', Arn: Attributes?.QueueArn }],
    }),
  );
});

afterEach(async () => {
  sqs.destroy();
  events.destroy();
  await cloud.close();
});

describe('Command: trigger', () => {
  it('puts a Snapshot Copy Requested event that the copy-requested rule delivers, and prints its id', async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(
      ['trigger', 'prod-orders', '--region', region, '--account', '111111111111'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    const [eventId] = printer.out;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(Messages).toHaveLength(1);
    const event = JSON.parse(Messages[0]?.Body ?? '{}');
    expect(event).toMatchObject({
      id: eventId,
      source: 'copy-autopilot',
      'detail-type': 'Snapshot Copy Requested',
      region,
      detail: { namespaceName: 'prod-orders', account: '111111111111', origin: 'manual' },
    });
  });

  it('prints the event id as JSON with --output json, using AWS_REGION', async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: { ...env(), AWS_REGION: region } });

    // Act
    const code = await runCli(['trigger', 'analytics', '--output', 'json'], commands, context);

    // Assess
    expect(code).toBe(0);
    const result = JSON.parse(printer.out.join('\n')) as { eventId: string; bus: string };
    expect(result.bus).toBe('default');
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(JSON.parse(Messages[0]?.Body ?? '{}').id).toBe(result.eventId);
  });

  it('names a namespace in another region than the bus with --namespace-region', async () => {
    // Prepare
    const { context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(
      [
        'trigger',
        'orders-eu',
        '--region',
        region,
        '--account',
        '111111111111',
        '--namespace-region',
        'eu-west-1',
      ],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const event = JSON.parse(Messages[0]?.Body ?? '{}');
    expect(event).toMatchObject({
      region,
      detail: { namespaceName: 'orders-eu', account: '111111111111', region: 'eu-west-1' },
    });
  });

  it('puts the event in the region of a bus named by its ARN, whatever AWS_REGION says', async () => {
    // Prepare: the bus's region here is us-east-1; the operator's default region is elsewhere
    const { printer, context } = memoryContext({ env: { ...env(), AWS_REGION: 'eu-west-1' } });
    const busArn = `arn:aws:events:${region}:000000000000:event-bus/default`;

    // Act
    const code = await runCli(
      ['trigger', 'analytics', '--bus', busArn, '--output', 'json'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(printer.out.join('\n'))).toMatchObject({ region, bus: busArn });
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(JSON.parse(Messages[0]?.Body ?? '{}')).toMatchObject({
      region,
      detail: { namespaceName: 'analytics' },
    });
  });

  it.each([
    [
      'a --region other than the ARN’s',
      ['--region', 'eu-west-1'],
      'is in us-east-1, --region says eu-west-1',
    ],
    ['an ARN naming no AWS region', [], 'not an AWS region'],
  ])('exits 2 on %s, without calling AWS', async (_case, extra, message) => {
    // Prepare
    const { printer, context } = memoryContext({ env: env() });
    const busArn =
      extra.length > 0
        ? `arn:aws:events:${region}:000000000000:event-bus/default`
        : 'arn:aws:events:mars-north-1:000000000000:event-bus/default';

    // Act
    const code = await runCli(['trigger', 'analytics', '--bus', busArn, ...extra], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err[0]).toContain(message);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(Messages).toEqual([]);
  });

  it('exits 2 on a --namespace-region that is not an AWS region, without calling AWS', async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(
      ['trigger', 'orders-eu', '--region', region, '--namespace-region', 'mars-1'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(2);
    expect(printer.err.join('\n')).toContain('--namespace-region mars-1: not an AWS region');
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(Messages).toHaveLength(0);
  });

  it('exits 1 with the entry error when the bus refuses the event', async () => {
    // Prepare
    const { printer, context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(
      ['trigger', 'prod-orders', '--region', region, '--bus', 'no-such-bus'],
      commands,
      context,
    );

    // Assess
    expect(code).toBe(1);
    expect(printer.out).toEqual([]);
    expect(printer.err.join('\n')).toContain(
      'ResourceNotFoundException: Event bus no-such-bus does not exist.',
    );
  });

  it('exits 2 on a name that cannot be a namespace, without calling AWS', async () => {
    // Prepare
    const { context } = memoryContext({ env: env() });

    // Act
    const code = await runCli(['trigger', 'Prod_Orders', '--region', region], commands, context);

    // Assess
    expect(code).toBe(2);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(Messages).toHaveLength(0);
  });
});
