import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  type EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventsOnly, startEventsOnly, TEST_ACCOUNT } from './startEventsOnly.js';

const QUEUE_ARN = `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:copy-autopilot-requests`;
const DLQ_ARN = `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:copy-autopilot-rule-dlq`;
const MISSING_QUEUE_ARN = `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:gone`;

const MANUAL_PATTERN = JSON.stringify({
  source: ['copy-autopilot'],
  'detail-type': ['Snapshot Copy Requested'],
});

const manualEntry = (detail: object = { namespaceName: 'prod-sales' }): PutEventsRequestEntry => ({
  Source: 'copy-autopilot',
  DetailType: 'Snapshot Copy Requested',
  Detail: JSON.stringify(detail),
});

let local: EventsOnly;
let client: EventBridgeClient;

beforeEach(async () => {
  local = await startEventsOnly([QUEUE_ARN, DLQ_ARN]);
  client = local.client();
});

afterEach(async () => {
  await local.close();
});

async function ruleWithQueueTarget(name = 'manual-trigger', target: object = {}): Promise<string> {
  const { RuleArn } = await client.send(new PutRuleCommand({ Name: name, EventPattern: MANUAL_PATTERN }));
  await client.send(
    new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'requests', Arn: QUEUE_ARN, ...target }] }),
  );
  return RuleArn ?? '';
}

describe('Local EventBridge: rules', () => {
  it('creates a rule and describes it with its pattern and state', async () => {
    // Act
    const { RuleArn } = await client.send(
      new PutRuleCommand({ Name: 'manual-trigger', EventPattern: MANUAL_PATTERN, Description: 'operator' }),
    );
    const described = await client.send(new DescribeRuleCommand({ Name: 'manual-trigger' }));

    // Assess
    expect(RuleArn).toBe(`arn:aws:events:us-east-1:${TEST_ACCOUNT}:rule/manual-trigger`);
    expect(described).toMatchObject({
      Name: 'manual-trigger',
      Arn: RuleArn,
      EventPattern: MANUAL_PATTERN,
      State: 'ENABLED',
      Description: 'operator',
      EventBusName: 'default',
    });
  });

  it('lists rules by name prefix', async () => {
    // Prepare
    for (const name of ['copy-a', 'copy-b', 'other']) {
      await client.send(new PutRuleCommand({ Name: name, EventPattern: MANUAL_PATTERN }));
    }

    // Act
    const { Rules } = await client.send(new ListRulesCommand({ NamePrefix: 'copy-' }));

    // Assess
    expect(Rules?.map((rule) => rule.Name)).toEqual(['copy-a', 'copy-b']);
  });

  it('rejects an invalid pattern with InvalidEventPatternException and the reason', async () => {
    // Act
    const put = client.send(
      new PutRuleCommand({ Name: 'bad', EventPattern: JSON.stringify({ source: [{ contains: 'x' }] }) }),
    );

    // Assess
    await expect(put).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: Unrecognized match type contains',
    });
    await expect(client.send(new DescribeRuleCommand({ Name: 'bad' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule bad does not exist on EventBus default.',
    });
  });
});

describe('Local EventBridge: targets', () => {
  it('refuses to delete a rule that still has targets, then deletes it once they are removed', async () => {
    // Prepare
    await ruleWithQueueTarget();

    // Act
    const refused = client.send(new DeleteRuleCommand({ Name: 'manual-trigger' }));
    await expect(refused).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    await client.send(new RemoveTargetsCommand({ Rule: 'manual-trigger', Ids: ['requests'] }));
    await client.send(new DeleteRuleCommand({ Name: 'manual-trigger' }));

    // Assess
    const { Rules } = await client.send(new ListRulesCommand({}));
    expect(Rules).toEqual([]);
  });

  it('stores targets as given and lists them', async () => {
    // Prepare
    await ruleWithQueueTarget('manual-trigger', { DeadLetterConfig: { Arn: DLQ_ARN } });

    // Act
    const { Targets } = await client.send(new ListTargetsByRuleCommand({ Rule: 'manual-trigger' }));

    // Assess
    expect(Targets).toEqual([{ Id: 'requests', Arn: QUEUE_ARN, DeadLetterConfig: { Arn: DLQ_ARN } }]);
  });

  it('refuses a sixth target with LimitExceededException', async () => {
    // Prepare
    await client.send(new PutRuleCommand({ Name: 'many', EventPattern: MANUAL_PATTERN }));
    const targets = Array.from({ length: 6 }, (_, index) => ({ Id: `t${index}`, Arn: QUEUE_ARN }));

    // Act
    const put = client.send(new PutTargetsCommand({ Rule: 'many', Targets: targets }));

    // Assess
    await expect(put).rejects.toMatchObject({ name: 'LimitExceededException' });
  });

  it('refuses targets for a rule that does not exist', async () => {
    // Act
    const put = client.send(new PutTargetsCommand({ Rule: 'nope', Targets: [{ Id: 'a', Arn: QUEUE_ARN }] }));

    // Assess
    await expect(put).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('Local EventBridge: PutEvents', () => {
  it('delivers the event envelope to the SQS target of a matching rule', async () => {
    // Prepare
    const ruleArn = await ruleWithQueueTarget();

    // Act
    const result = await client.send(
      new PutEventsCommand({ Entries: [{ ...manualEntry(), Resources: ['arn:aws:x'] }] }),
    );

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    const [message] = local.delivery.received(QUEUE_ARN);
    expect(JSON.parse(message ?? '{}')).toEqual({
      version: '0',
      id: result.Entries?.[0]?.EventId,
      'detail-type': 'Snapshot Copy Requested',
      source: 'copy-autopilot',
      account: TEST_ACCOUNT,
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:x'],
      detail: { namespaceName: 'prod-sales' },
    });
    expect(local.service.ruleStats()[ruleArn]).toEqual({ matched: 1, invoked: 1, failed: 0 });
  });

  it('uses the entry Time when one is given', async () => {
    // Prepare
    await ruleWithQueueTarget();

    // Act
    await client.send(
      new PutEventsCommand({ Entries: [{ ...manualEntry(), Time: new Date('2025-06-01T12:30:00Z') }] }),
    );

    // Assess
    expect(JSON.parse(local.delivery.received(QUEUE_ARN)[0] ?? '{}').time).toBe('2025-06-01T12:30:00Z');
  });

  it('does not deliver events the rule does not match', async () => {
    // Prepare
    await ruleWithQueueTarget();

    // Act
    await client.send(
      new PutEventsCommand({ Entries: [{ ...manualEntry(), DetailType: 'Something Else' }] }),
    );

    // Assess
    expect(local.delivery.received(QUEUE_ARN)).toEqual([]);
  });
});

describe('Local EventBridge: PutEvents entry errors and limits', () => {
  it.each<[string, PutEventsRequestEntry, { ErrorCode: string; ErrorMessage: string }]>([
    [
      'an aws.* source with NotAuthorizedForSourceException',
      { ...manualEntry(), Source: 'aws.redshift-serverless' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
    ],
    [
      'a Detail that is a JSON array with MalformedDetail',
      { ...manualEntry(), Detail: '[1, 2]' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ],
    [
      'a Detail that is not JSON with MalformedDetail',
      { ...manualEntry(), Detail: 'not json' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ],
    [
      'an entry without DetailType with InvalidArgument',
      { Source: 'copy-autopilot', Detail: '{}' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
    ],
  ])('rejects %s, and only that entry', async (_case, entry, entryError) => {
    // Prepare
    await ruleWithQueueTarget();

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [manualEntry(), entry] }));

    // Assess
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.[1]).toEqual(entryError);
    expect(local.delivery.received(QUEUE_ARN)).toHaveLength(1);
  });

  it.each<[string, PutEventsRequestEntry[], Record<string, unknown>]>([
    [
      'more than ten entries',
      Array.from({ length: 11 }, () => manualEntry()),
      { name: 'ValidationException' },
    ],
    [
      'a request over 256 KB',
      [manualEntry({ blob: 'x'.repeat(256 * 1024) })],
      { name: 'ValidationException', message: 'Total size of the entries in the request is over the limit.' },
    ],
  ])('refuses %s with ValidationException', async (_case, Entries, refusal) => {
    // Act
    const put = client.send(new PutEventsCommand({ Entries }));

    // Assess
    await expect(put).rejects.toMatchObject(refusal);
  });
});

describe('Local EventBridge: what a rule delivers', () => {
  it('does not fire a disabled rule, and fires it again once enabled', async () => {
    // Prepare
    await ruleWithQueueTarget();
    await client.send(new DisableRuleCommand({ Name: 'manual-trigger' }));

    // Act
    await client.send(new PutEventsCommand({ Entries: [manualEntry({ n: 1 })] }));
    await client.send(new EnableRuleCommand({ Name: 'manual-trigger' }));
    await client.send(new PutEventsCommand({ Entries: [manualEntry({ n: 2 })] }));

    // Assess
    const details = local.delivery.received(QUEUE_ARN).map((message) => JSON.parse(message).detail);
    expect(details).toEqual([{ n: 2 }]);
    const { State } = await client.send(new DescribeRuleCommand({ Name: 'manual-trigger' }));
    expect(State).toBe('ENABLED');
  });

  it('renders an InputTransformer, quoting values outside JSON strings', async () => {
    // Prepare
    await ruleWithQueueTarget('manual-trigger', {
      InputTransformer: {
        InputPathsMap: {
          name: '$.detail.namespaceName',
          retention: '$.detail.retention',
          absent: '$.detail.nothing',
        },
        InputTemplate:
          '{"namespace": <name>, "days": <retention>, "text": "<name> keeps <retention> days", "rule": "<aws.events.rule-name>", "missing": <absent>}',
      },
    });

    // Act
    await client.send(
      new PutEventsCommand({ Entries: [manualEntry({ namespaceName: 'prod-"x"', retention: 7 })] }),
    );

    // Assess
    const [message] = local.delivery.received(QUEUE_ARN);
    expect(JSON.parse(message ?? '')).toEqual({
      namespace: 'prod-"x"',
      days: 7,
      text: 'prod-"x" keeps 7 days',
      rule: 'manual-trigger',
      missing: null,
    });
  });

  it('delivers only the part of the event at InputPath', async () => {
    // Prepare
    await ruleWithQueueTarget('manual-trigger', { InputPath: '$.detail' });

    // Act
    await client.send(new PutEventsCommand({ Entries: [manualEntry()] }));

    // Assess
    expect(local.delivery.received(QUEUE_ARN)).toEqual(['{"namespaceName":"prod-sales"}']);
  });
});

describe('Local EventBridge: unreachable targets', () => {
  it('sends the event to the target dead-letter queue when the target cannot be reached', async () => {
    // Prepare
    const { RuleArn } = await client.send(
      new PutRuleCommand({ Name: 'broken', EventPattern: MANUAL_PATTERN }),
    );
    await client.send(
      new PutTargetsCommand({
        Rule: 'broken',
        Targets: [{ Id: 'gone', Arn: MISSING_QUEUE_ARN, DeadLetterConfig: { Arn: DLQ_ARN } }],
      }),
    );

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [manualEntry()] }));

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    const [deadLettered] = local.delivery.received(DLQ_ARN);
    expect(JSON.parse(deadLettered ?? '{}').id).toBe(result.Entries?.[0]?.EventId);
    expect(local.service.ruleStats()[RuleArn ?? '']).toEqual({ matched: 1, invoked: 0, failed: 1 });
  });
});

describe('Local EventBridge: internal events', () => {
  it('routes aws.* events emitted by other local services to rules that match them', async () => {
    // Prepare
    const pattern = JSON.stringify({
      source: ['aws.redshift-serverless'],
      detail: { eventName: ['CreateNamespace'], errorCode: [{ exists: false }] },
    });
    await client.send(new PutRuleCommand({ Name: 'cloudtrail', EventPattern: pattern }));
    await client.send(new PutTargetsCommand({ Rule: 'cloudtrail', Targets: [{ Id: 'q', Arn: QUEUE_ARN }] }));

    // Act
    local.service.emit({
      source: 'aws.redshift-serverless',
      detailType: 'AWS API Call via CloudTrail',
      detail: { eventName: 'CreateNamespace' },
      region: 'us-east-1',
      account: TEST_ACCOUNT,
    });
    local.service.emit({
      source: 'aws.redshift-serverless',
      detailType: 'AWS API Call via CloudTrail',
      detail: { eventName: 'CreateNamespace', errorCode: 'ConflictException' },
      region: 'us-east-1',
      account: TEST_ACCOUNT,
    });
    await local.service.drain();

    // Assess
    const delivered = local.delivery.received(QUEUE_ARN).map((message) => JSON.parse(message));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      source: 'aws.redshift-serverless',
      'detail-type': 'AWS API Call via CloudTrail',
    });
  });
});

describe('Local EventBridge: TestEventPattern', () => {
  const event = JSON.stringify({
    id: '1',
    account: TEST_ACCOUNT,
    source: 'copy-autopilot',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    'detail-type': 'Snapshot Copy Requested',
    detail: { namespaceName: 'prod-sales' },
  });

  it('answers whether the event matches', async () => {
    // Act
    const matching = await client.send(
      new TestEventPatternCommand({
        EventPattern: '{"detail":{"namespaceName":[{"prefix":"prod-"}]}}',
        Event: event,
      }),
    );
    const other = await client.send(
      new TestEventPatternCommand({
        EventPattern: '{"detail":{"namespaceName":[{"prefix":"dev-"}]}}',
        Event: event,
      }),
    );

    // Assess
    expect(matching.Result).toBe(true);
    expect(other.Result).toBe(false);
  });

  it('rejects an invalid pattern', async () => {
    // Act
    const test = client.send(
      new TestEventPatternCommand({ EventPattern: '{"source":"copy-autopilot"}', Event: event }),
    );

    // Assess
    await expect(test).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
    });
  });
});

describe('Local EventBridge: event buses', () => {
  it('creates, lists, describes and deletes a custom bus, and refuses to delete the default one', async () => {
    // Act
    const { EventBusArn } = await client.send(new CreateEventBusCommand({ Name: 'ops' }));
    const listed = await client.send(new ListEventBusesCommand({}));
    const described = await client.send(new DescribeEventBusCommand({ Name: 'ops' }));
    await client.send(new DeleteEventBusCommand({ Name: 'ops' }));
    const deleteDefault = client.send(new DeleteEventBusCommand({ Name: 'default' }));

    // Assess
    expect(EventBusArn).toBe(`arn:aws:events:us-east-1:${TEST_ACCOUNT}:event-bus/ops`);
    expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual(['default', 'ops']);
    expect(described).toMatchObject({ Name: 'ops', Arn: EventBusArn });
    await expect(deleteDefault).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(client.send(new DescribeEventBusCommand({ Name: 'ops' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('routes events only through the rules of the bus they were put on', async () => {
    // Prepare
    await client.send(new CreateEventBusCommand({ Name: 'ops' }));
    await ruleWithQueueTarget();

    // Act
    const result = await client.send(
      new PutEventsCommand({ Entries: [{ ...manualEntry(), EventBusName: 'ops' }] }),
    );

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(local.delivery.received(QUEUE_ARN)).toEqual([]);
  });
});
