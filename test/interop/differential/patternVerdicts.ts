import {
  CreateEventBusCommand,
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_ACCOUNT_ID } from '../../../src/local/services/contracts.js';
import { REGION } from './clientConfig.js';
import { CASE_DETAIL_TYPE, CASE_SOURCE, detailJsonOf, type PatternCase } from './eventPatternCases.js';
import { errorShape, type StepOutcome } from './runScenario.js';

/** Per case: `{ ok: true | false }` (matches or not), or the error the pattern was refused with. */
export type Verdicts = ReadonlyMap<string, StepOutcome>;

const EVENT_TIME = new Date('2026-03-01T12:00:00Z');

/** The case's event as TestEventPattern wants it: the full envelope, detail spelled as given. */
function fullEventJson(patternCase: PatternCase, index: number): string {
  const { event } = patternCase;
  const envelope = JSON.stringify({
    version: '0',
    id: `00000000-0000-0000-0000-${String(index).padStart(12, '0')}`,
    'detail-type': event.detailType ?? CASE_DETAIL_TYPE,
    source: event.source ?? CASE_SOURCE,
    account: LOCAL_ACCOUNT_ID,
    time: EVENT_TIME.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: event.resources ?? [],
  });
  return `${envelope.slice(0, -1)},"detail":${detailJsonOf(event)}}`;
}

/** Asks TestEventPattern about every case. */
export async function verdictsByTestEventPattern(
  events: EventBridgeClient,
  cases: readonly PatternCase[],
): Promise<Verdicts> {
  const verdicts = new Map<string, StepOutcome>();
  for (const [index, patternCase] of cases.entries()) {
    try {
      const { Result } = await events.send(
        new TestEventPatternCommand({
          EventPattern: JSON.stringify(patternCase.pattern),
          Event: fullEventJson(patternCase, index),
        }),
      );
      verdicts.set(patternCase.name, { ok: Result });
    } catch (error) {
      verdicts.set(patternCase.name, { error: errorShape(error) });
    }
  }
  return verdicts;
}

/**
 * Finds out whether each case matches the way a caller of EventBridge sees it: every case gets
 * a bus of its own with one rule (the case's pattern) targeting one shared queue, its event is
 * put on that bus, and a case matches when its EventId arrives in the queue. moto has no
 * TestEventPattern, so this is how its matching is read; on the local cloud it must agree with
 * TestEventPattern.
 */
export async function verdictsByDelivery(
  clients: { readonly events: EventBridgeClient; readonly sqs: SQSClient },
  cases: readonly PatternCase[],
): Promise<Verdicts> {
  const { events, sqs } = clients;
  const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'diff-pattern-cases' }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const verdicts = new Map<string, StepOutcome>();
  const pending: { readonly name: string; readonly entry: PutEventsRequestEntry }[] = [];
  for (const [index, patternCase] of cases.entries()) {
    const bus = `diff-case-${index}`;
    await events.send(new CreateEventBusCommand({ Name: bus }));
    try {
      await events.send(
        new PutRuleCommand({
          Name: 'case',
          EventBusName: bus,
          EventPattern: JSON.stringify(patternCase.pattern),
        }),
      );
    } catch (error) {
      verdicts.set(patternCase.name, { error: errorShape(error) });
      continue;
    }
    await events.send(
      new PutTargetsCommand({
        Rule: 'case',
        EventBusName: bus,
        // Only the id is needed; a one-path transformer costs moto an eighth of its default input.
        Targets: [
          {
            Id: 'queue',
            Arn: Attributes?.QueueArn,
            InputTransformer: { InputPathsMap: { id: '$.id' }, InputTemplate: '{"id": "<id>"}' },
          },
        ],
      }),
    );
    const { event } = patternCase;
    pending.push({
      name: patternCase.name,
      entry: {
        EventBusName: bus,
        Source: event.source ?? CASE_SOURCE,
        DetailType: event.detailType ?? CASE_DETAIL_TYPE,
        Detail: detailJsonOf(event),
        Resources: event.resources === undefined ? undefined : [...event.resources],
        Time: EVENT_TIME,
      },
    });
  }

  // One event per call: moto fails a whole PutEvents with a 500 when one rule's pattern trips it.
  const caseByEventId = new Map<string, string>();
  for (const { name, entry } of pending) {
    try {
      const { Entries = [] } = await events.send(new PutEventsCommand({ Entries: [entry] }));
      const eventId = Entries[0]?.EventId;
      if (eventId === undefined) {
        verdicts.set(name, { error: { name: `PutEvents entry refused: ${Entries[0]?.ErrorCode}` } });
        continue;
      }
      caseByEventId.set(eventId, name);
      verdicts.set(name, { ok: false });
    } catch (error) {
      verdicts.set(name, { error: errorShape(error) });
    }
  }

  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const name = caseByEventId.get((JSON.parse(message.Body ?? '{}') as { id?: string }).id ?? '');
      if (name !== undefined) verdicts.set(name, { ok: true });
    }
  }
  return verdicts;
}
