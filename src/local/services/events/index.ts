import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../protocol/serviceError.js';
import type { JsonService, RequestContext } from '../../protocol/types.js';
import type {
  EventSink,
  ResettableService,
  ServiceEvent,
  ServiceOptions,
  TargetDelivery,
} from '../contracts.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './actions/eventBuses.js';
import { eventTime, putEvents } from './actions/putEvents.js';
import {
  deleteRule,
  describeRule,
  disableRule,
  enableRule,
  listRuleNamesByTarget,
  listRules,
  putRule,
} from './actions/rules.js';
import { listTargetsByRule, putTargets, removeTargets } from './actions/targets.js';
import { testEventPattern } from './actions/testEventPattern.js';
import { DEFAULT_BUS, EventBridgeStore, type RuleCounters } from './eventBridgeStore.js';
import { routeEvent } from './routeEvent.js';

export type { RuleCounters } from './eventBridgeStore.js';
export type { EventEnvelope } from './routeEvent.js';

/** The local EventBridge: the AWSEvents JSON API, the in-process event sink, and rule counters. */
export interface EventBridgeService extends JsonService, ResettableService, EventSink {
  /** Per-rule counters keyed by rule ARN: events matched, target deliveries made and failed. */
  ruleStats(): Record<string, RuleCounters>;
  /** Resolves once every event passed to `emit` so far has been delivered to its targets. */
  drain(): Promise<void>;
}

export interface EventBridgeServiceOptions extends ServiceOptions {
  readonly delivery: TargetDelivery;
  /** Event ids; random UUIDs unless a test wants them predictable. */
  readonly newId?: () => string;
}

type Action = (input: Record<string, unknown>, ctx: RequestContext) => unknown;

/**
 * Creates the local EventBridge. State lives per region (the default bus always exists);
 * `emit` is how other local services (CloudTrail-style) put events on a bus, without the
 * `aws.*` source check that PutEvents applies to callers.
 */
export function createEventBridgeService(options: EventBridgeServiceOptions): EventBridgeService {
  const { clock, account, delivery } = options;
  const newId = options.newId ?? randomUUID;
  const store = new EventBridgeStore(account, () => clock.now());
  const pending = new Set<Promise<void>>();

  const actions: Readonly<Record<string, Action>> = {
    PutEvents: (input, ctx) => putEvents({ store, delivery, newId }, input, ctx),
    PutRule: (input, ctx) => putRule(store, input, ctx),
    DescribeRule: (input, ctx) => describeRule(store, input, ctx),
    ListRules: (input, ctx) => listRules(store, input, ctx),
    DeleteRule: (input, ctx) => deleteRule(store, input, ctx),
    EnableRule: (input, ctx) => enableRule(store, input, ctx),
    DisableRule: (input, ctx) => disableRule(store, input, ctx),
    ListRuleNamesByTarget: (input, ctx) => listRuleNamesByTarget(store, input, ctx),
    PutTargets: (input, ctx) => putTargets(store, input, ctx),
    RemoveTargets: (input, ctx) => removeTargets(store, input, ctx),
    ListTargetsByRule: (input, ctx) => listTargetsByRule(store, input, ctx),
    TestEventPattern: (input) => testEventPattern(input),
    CreateEventBus: (input, ctx) => createEventBus(store, input, ctx),
    DeleteEventBus: (input, ctx) => deleteEventBus(store, input, ctx),
    DescribeEventBus: (input, ctx) => describeEventBus(store, input, ctx),
    ListEventBuses: (input, ctx) => listEventBuses(store, input, ctx),
  };

  return {
    targetPrefix: 'AWSEvents',
    contentType: 'application/x-amz-json-1.1',
    handle(operation, input, ctx) {
      const action = Object.hasOwn(actions, operation) ? actions[operation] : undefined;
      if (action === undefined) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `Operation ${operation} is not supported by the local EventBridge.`,
        );
      }
      return action(input, ctx);
    },
    emit(event: ServiceEvent) {
      const bus = store.buses(event.region).get(event.eventBusName ?? DEFAULT_BUS);
      if (bus === undefined) {
        return; // as on AWS, an event for a bus that does not exist goes nowhere
      }
      const now = eventTime(clock.now());
      const delivering = routeEvent(
        store,
        bus,
        {
          version: '0',
          id: newId(),
          'detail-type': event.detailType,
          source: event.source,
          account: event.account,
          time: now,
          region: event.region,
          resources: [...(event.resources ?? [])],
          detail: event.detail,
        },
        delivery,
        now,
      ).finally(() => pending.delete(delivering));
      pending.add(delivering);
    },
    async drain() {
      while (pending.size > 0) {
        await Promise.allSettled([...pending]);
      }
    },
    ruleStats: () => store.counters(),
    reset: () => store.reset(),
  };
}
