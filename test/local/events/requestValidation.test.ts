import {
  type EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventsOnly, startEventsOnly, TEST_ACCOUNT } from './startEventsOnly.js';

const QUEUE_ARN = `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:requests`;
const PATTERN = JSON.stringify({ source: ['copy-autopilot'] });

let local: EventsOnly;
let client: EventBridgeClient;

beforeEach(async () => {
  local = await startEventsOnly([QUEUE_ARN]);
  client = local.client();
});

afterEach(async () => {
  await local.close();
});

describe('Local EventBridge: requests checked against the service model', () => {
  it('lists every broken constraint of an empty rule name', async () => {
    // Act
    const put = client.send(new PutRuleCommand({ Name: '', EventPattern: PATTERN }));

    // Assess
    await expect(put).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
  });

  it('names a target member by its place in the list', async () => {
    // Prepare
    await client.send(new PutRuleCommand({ Name: 'rule', EventPattern: PATTERN }));

    // Act
    const put = client.send(
      new PutTargetsCommand({ Rule: 'rule', Targets: [{ Id: 'no spaces', Arn: QUEUE_ARN }] }),
    );

    // Assess
    await expect(put).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'no spaces' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
  });

  it('refuses a state outside the enum, a Limit outside 1-100 and eleven entries', async () => {
    // Act
    const state = client.send(
      new PutRuleCommand({ Name: 'rule', EventPattern: PATTERN, State: 'PAUSED' as 'ENABLED' }),
    );
    const limit = client.send(new ListRulesCommand({ Limit: 0 }));
    const entries = client.send(
      new PutEventsCommand({
        Entries: Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' })),
      }),
    );

    // Assess
    await expect(state).rejects.toThrow(
      "1 validation error detected: Value 'PAUSED' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]",
    );
    await expect(limit).rejects.toThrow(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await expect(entries).rejects.toThrow(
      /^1 validation error detected: Value '\[.*\]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
  });

  it('answers a value of the wrong JSON type with SerializationException', () => {
    // Act
    const act = () =>
      local.service.handle(
        'PutRule',
        { Name: 42 },
        { region: 'us-east-1', account: TEST_ACCOUNT, requestId: 'r', clock: local.clock },
      );

    // Assess
    expect(act).toThrow(expect.objectContaining({ code: 'SerializationException', statusCode: 400 }));
  });
});
