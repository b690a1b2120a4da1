import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  type EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ScenarioStep } from './runScenario.js';

/** What the EventBridge steps share: both clients of one side and each rule's target queue. */
export interface EventBridgeScenarioContext {
  readonly events: EventBridgeClient;
  readonly sqs: SQSClient;
  /** Queue URL and ARN by rule name: every rule delivers to a queue of its own. */
  queues: Record<string, { url: string; arn: string }>;
}

/** The rules of the scenario, one operator family each, so a delivery tells which rule fired. */
export const SCENARIO_RULES = {
  'diff-prefix': { source: [{ prefix: 'diff.' }], 'detail-type': ['Order Placed'] },
  'diff-anything-but-numeric': {
    source: ['diff.shop'],
    detail: {
      state: [{ 'anything-but': ['cancelled', 'draft'] }],
      amount: [{ numeric: ['>', 100, '<=', 1000] }],
    },
  },
  'diff-exists-or': {
    source: ['diff.shop'],
    detail: { $or: [{ priority: [{ exists: true }] }, { tags: ['urgent'] }] },
  },
  // Would match o2 if it were enabled.
  'diff-disabled': { source: ['diff.shop'], detail: { order: ['o2'] } },
  // Its target renders an input transformer instead of delivering the event.
  'diff-transformed': { source: ['diff.shop'], detail: { order: ['o1', 'o4'] } },
} as const;

/** The target input of diff-transformed: string variables quoted in the template, numbers bare. */
const TRANSFORMER = {
  InputPathsMap: { order: '$.detail.order', amount: '$.detail.amount', source: '$.source' },
  InputTemplate: '{"order": "<order>", "amount": <amount>, "from": "<source>", "constant": [1, "two"]}',
};

export type ScenarioRuleName = keyof typeof SCENARIO_RULES;
const RULE_NAMES = Object.keys(SCENARIO_RULES) as ScenarioRuleName[];

/** Every rule is created ENABLED except this one, which must never deliver. */
export const DISABLED_RULE: ScenarioRuleName = 'diff-disabled';

/** The rule whose target delivers an input transformer's output rather than the event. */
export const TRANSFORMED_RULE: ScenarioRuleName = 'diff-transformed';

const order = (
  id: string,
  detail: Record<string, unknown>,
  overrides: Partial<PutEventsRequestEntry> = {},
): PutEventsRequestEntry => ({
  Source: 'diff.shop',
  DetailType: 'Order Placed',
  Detail: JSON.stringify({ order: id, ...detail }),
  Resources: [`arn:aws:diff:us-east-1:000000000000:order/${id}`],
  // A fixed time keeps the delivered `time` comparable (moto drops fractions, as AWS does).
  Time: new Date('2026-03-01T12:00:00Z'),
  ...overrides,
});

/**
 * Some events match one rule, some two, some none (comments name the rules they match). Kept
 * few: moto spends about half a second on every delivery (it compiles jsonpath expressions to
 * render each target's input).
 */
export const SCENARIO_EVENTS: readonly PutEventsRequestEntry[] = [
  order('o1', { state: 'paid', amount: 250 }), // prefix, anything-but-numeric
  order('o2', { state: 'cancelled', amount: 250 }), // prefix
  order('o3', { state: 'paid', amount: 100, priority: null }, { DetailType: 'Order Shipped' }), // exists-or
  order('o4', { state: 'paid', amount: 1000.0, tags: ['urgent', 'vip'] }, { DetailType: 'Order Shipped' }), // anything-but-numeric, exists-or
  order('o5', { state: 'paid', amount: '500', nested: { priority: 1 } }, { DetailType: 'Order Shipped' }), // none
  order('o6', { state: 'paid', amount: 500 }, { Source: 'other.warehouse' }), // none
  order(
    'o7',
    { state: 'paid', amount: 1000.5, tags: 'normal' },
    { Source: 'diff.warehouse', DetailType: 'Order Packed' },
  ), // none
];

/**
 * Entries EventBridge refuses, one step each. Their source matches no rule, so an entry moto
 * wrongly accepts goes nowhere. The first three are where moto diverges (eventBridgeDivergences).
 */
export const REFUSED_EVENTS = {
  'an aws.* source': { Source: 'aws.redshift-serverless', DetailType: 'Refused', Detail: '{}' },
  'a Detail that is a JSON array': { Source: 'refused.shop', DetailType: 'Refused', Detail: '[1, 2]' },
  'a Detail that is a JSON string': { Source: 'refused.shop', DetailType: 'Refused', Detail: '"just text"' },
  'a Detail that is not JSON': { Source: 'refused.shop', DetailType: 'Refused', Detail: '{"unterminated": ' },
  'no Detail': { Source: 'refused.shop', DetailType: 'Refused' },
} as const satisfies Record<string, PutEventsRequestEntry>;

/**
 * A batch as the sweep puts it (src/sweep/requestProtection.ts): ten entries naming the bus, each
 * with a resource; the fifth is refused, and PutEvents answers per entry, in order. The source
 * matches no rule, so nothing is delivered.
 */
const SWEEP_BATCH: readonly PutEventsRequestEntry[] = Array.from({ length: 10 }, (_, index) => ({
  EventBusName: 'default',
  Source: 'sweep.diff',
  DetailType: 'Snapshot Copy Requested',
  Resources: [`arn:aws:redshift-serverless:us-east-1:000000000000:namespace/diff-${index}`],
  Detail: index === 4 ? REFUSED_EVENTS['a Detail that is not JSON'].Detail : JSON.stringify({ index }),
}));

export const refusedEventStep = (entry: keyof typeof REFUSED_EVENTS): string => `PutEvents: ${entry}`;

/** Every message a rule's queue holds, as the parsed event bodies (ordered by the order id). */
async function drainEvents(context: EventBridgeScenarioContext, rule: ScenarioRuleName) {
  const bodies: Record<string, unknown>[] = [];
  for (;;) {
    const output = await context.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: context.queues[rule]?.url, MaxNumberOfMessages: 10 }),
    );
    if (output.Messages === undefined || output.Messages.length === 0) break;
    bodies.push(...output.Messages.map((message) => JSON.parse(message.Body ?? 'null')));
  }
  const orderOf = (body: Record<string, unknown>) =>
    String((body.detail as { order?: unknown } | undefined)?.order ?? body.order);
  return bodies.sort((a, b) => orderOf(a).localeCompare(orderOf(b)));
}

const putEventsView = async (
  context: EventBridgeScenarioContext,
  entries: readonly PutEventsRequestEntry[],
) => {
  const output = await context.events.send(new PutEventsCommand({ Entries: [...entries] }));
  return {
    FailedEntryCount: output.FailedEntryCount,
    // Messages are left out: moto and AWS word some of them differently.
    Entries: output.Entries?.map((entry) =>
      entry.EventId === undefined ? { ErrorCode: entry.ErrorCode } : { EventId: entry.EventId },
    ),
  };
};

/**
 * The EventBridge scenario: rules with prefix, anything-but, numeric, exists and $or patterns
 * (plus one disabled rule), each targeting its own SQS queue; events that match some, several
 * or none of them; what each queue receives; the rule APIs' shapes and errors.
 */
export const eventBridgeScenario: readonly ScenarioStep<EventBridgeScenarioContext>[] = [
  {
    name: 'CreateQueue: one target queue per rule',
    run: async (context) => {
      for (const rule of RULE_NAMES) {
        const { QueueUrl = '' } = await context.sqs.send(
          new CreateQueueCommand({ QueueName: `${rule}-target` }),
        );
        const { Attributes } = await context.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
        );
        context.queues[rule] = { url: QueueUrl, arn: Attributes?.QueueArn ?? '' };
      }
      return context.queues;
    },
  },
  ...RULE_NAMES.map((rule) => ({
    name: `PutRule: ${rule}`,
    run: (context: EventBridgeScenarioContext) =>
      context.events.send(
        new PutRuleCommand({
          Name: rule,
          // The bus named, as the local deployment of the template does (deployTemplate.ts).
          EventBusName: 'default',
          EventPattern: JSON.stringify(SCENARIO_RULES[rule]),
          Description: `differential ${rule}`,
          State: rule === DISABLED_RULE ? 'DISABLED' : 'ENABLED',
        }),
      ),
  })),
  ...RULE_NAMES.map((rule) => ({
    name: `PutTargets: ${rule} to its queue`,
    run: (context: EventBridgeScenarioContext) =>
      context.events.send(
        new PutTargetsCommand({
          Rule: rule,
          EventBusName: 'default',
          Targets: [
            {
              Id: 'queue',
              Arn: context.queues[rule]?.arn,
              ...(rule === TRANSFORMED_RULE ? { InputTransformer: TRANSFORMER } : {}),
            },
          ],
        }),
      ),
  })),
  {
    name: 'PutRule: a pattern whose leaf is not an array',
    run: (context) =>
      context.events.send(
        new PutRuleCommand({ Name: 'diff-invalid', EventPattern: JSON.stringify({ source: 'diff.shop' }) }),
      ),
  },
  {
    name: 'PutTargets: a rule that does not exist',
    run: (context) =>
      context.events.send(
        new PutTargetsCommand({
          Rule: 'diff-no-such-rule',
          Targets: [{ Id: 'queue', Arn: context.queues['diff-prefix']?.arn }],
        }),
      ),
  },
  {
    name: 'DescribeRule: diff-anything-but-numeric',
    run: (context) => context.events.send(new DescribeRuleCommand({ Name: 'diff-anything-but-numeric' })),
  },
  {
    name: 'DescribeRule: a rule that does not exist',
    run: (context) => context.events.send(new DescribeRuleCommand({ Name: 'diff-no-such-rule' })),
  },
  {
    name: 'ListRules: by name prefix',
    run: async (context) => {
      const output = await context.events.send(new ListRulesCommand({ NamePrefix: 'diff-' }));
      return { ...output, Rules: output.Rules?.sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? '')) };
    },
  },
  {
    name: 'ListTargetsByRule: diff-transformed, input transformer included',
    run: (context) => context.events.send(new ListTargetsByRuleCommand({ Rule: 'diff-transformed' })),
  },
  {
    name: 'PutEvents: seven events, each matching no rule, one or two',
    run: (context) => putEventsView(context, SCENARIO_EVENTS),
  },
  ...RULE_NAMES.map((rule) => ({
    name: `ReceiveMessage: what ${rule} delivered`,
    run: (context: EventBridgeScenarioContext) => drainEvents(context, rule),
  })),
  {
    name: 'PutEvents: ten entries on the bus named, one refused (how the sweep learns which to retry)',
    run: (context) => putEventsView(context, SWEEP_BATCH),
  },
  ...(Object.keys(REFUSED_EVENTS) as (keyof typeof REFUSED_EVENTS)[]).map((entry) => ({
    name: refusedEventStep(entry),
    run: (context: EventBridgeScenarioContext) => putEventsView(context, [REFUSED_EVENTS[entry]]),
  })),
  {
    name: 'DeleteRule: a rule that still has targets',
    run: (context) => context.events.send(new DeleteRuleCommand({ Name: 'diff-prefix' })),
  },
  {
    name: 'RemoveTargets then DeleteRule',
    run: async (context) => {
      const removed = await context.events.send(
        new RemoveTargetsCommand({ Rule: 'diff-prefix', Ids: ['queue'] }),
      );
      const deleted = await context.events.send(new DeleteRuleCommand({ Name: 'diff-prefix' }));
      const listed = await context.events.send(new ListRulesCommand({ NamePrefix: 'diff-prefix' }));
      return { removed, deleted, listed };
    },
  },
];
