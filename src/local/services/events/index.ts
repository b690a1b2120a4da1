import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../protocol/serviceError.js';
import type { JsonService, RequestContext } from '../../protocol/types.js';
import { validateModelInput } from '../../serviceModel/validateModelInput.js';
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
import { EVENT_BRIDGE_MODEL } from './eventBridgeModel.js';
import type { EventBridgeOperation } from './eventBridgeOperations.js';
import { DEFAULT_BUS, EventBridgeStore, parseEventBusArn, type RuleCounters } from './eventBridgeStore.js';
import { type EventEnvelope, type EventRouting, routeEvent } from './routeEvent.js';

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
type StoreAction = (store: EventBridgeStore, input: Record<string, unknown>, ctx: RequestContext) => unknown;

/**
 * Creates the local EventBridge. State lives per account (the caller's, as the edge resolved
 * it) and region (the default bus always exists); a rule's target may be an event bus of any
 * account and region, which receives the event unchanged. `emit` is how other local services
 * (CloudTrail-style) put events on a bus, without the `aws.*` source check that PutEvents
 * applies to callers.
 */
export function createEventBridgeService(options: EventBridgeServiceOptions): EventBridgeService {
  const { clock, delivery } = options;
  const newId = options.newId ?? randomUUID;
  const stores = new Map<string, EventBridgeStore>();
  const storeFor = (account: string): EventBridgeStore => {
    let store = stores.get(account);
    if (store === undefined) {
      store = new EventBridgeStore(account, () => clock.now());
      stores.set(account, store);
    }
    return store;
  };
  const routing: EventRouting = {
    delivery,
    busByArn(arn) {
      const address = parseEventBusArn(arn);
      if (address === undefined) return undefined;
      const store = storeFor(address.account);
      const bus = store.buses(address.region).get(address.name);
      return bus === undefined ? undefined : { store, bus };
    },
  };
  const actions = eventBridgeActions(storeFor, { routing, newId });
  const pending = new Set<Promise<void>>();

  return {
    targetPrefix: 'AWSEvents',
    contentType: 'application/x-amz-json-1.1',
    handle(operation, input, ctx) {
      const action = Object.hasOwn(actions, operation)
        ? actions[operation as EventBridgeOperation]
        : undefined;
      if (action === undefined) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `Operation ${operation} is not supported by the local EventBridge.`,
        );
      }
      // What the model cannot say (patterns that must parse, one input per target, entry-level
      // PutEvents errors, the 256 KB PutEvents limit) stays with the actions, each with its source.
      validateModelInput(EVENT_BRIDGE_MODEL, operation, input);
      return action(input, ctx);
    },
    emit(event: ServiceEvent) {
      const store = storeFor(event.account);
      const bus = store.buses(event.region).get(event.eventBusName ?? DEFAULT_BUS);
      if (bus === undefined) {
        return; // as on AWS, an event for a bus that does not exist goes nowhere
      }
      const now = eventTime(clock.now());
      const delivering = routeEvent({ store, bus }, envelopeOf(event, newId(), now), routing, now).finally(
        () => pending.delete(delivering),
      );
      pending.add(delivering);
    },
    async drain() {
      while (pending.size > 0) {
        await Promise.allSettled([...pending]);
      }
    },
    ruleStats: () => Object.assign({}, ...[...stores.values()].map((store) => store.counters())),
    reset: () => stores.clear(),
  };
}

/** Every operation, each acting in the caller's account (TestEventPattern needs no account). */
function eventBridgeActions(
  storeFor: (account: string) => EventBridgeStore,
  putEventsContext: { readonly routing: EventRouting; readonly newId: () => string },
): Readonly<Record<EventBridgeOperation, Action>> {
  const inCallerAccount =
    (action: StoreAction): Action =>
    (input, ctx) =>
      action(storeFor(ctx.account), input, ctx);
  return {
    PutEvents: inCallerAccount((store, input, ctx) => putEvents({ store, ...putEventsContext }, input, ctx)),
    PutRule: inCallerAccount(putRule),
    DescribeRule: inCallerAccount(describeRule),
    ListRules: inCallerAccount(listRules),
    DeleteRule: inCallerAccount(deleteRule),
    EnableRule: inCallerAccount(enableRule),
    DisableRule: inCallerAccount(disableRule),
    ListRuleNamesByTarget: inCallerAccount(listRuleNamesByTarget),
    PutTargets: inCallerAccount(putTargets),
    RemoveTargets: inCallerAccount(removeTargets),
    ListTargetsByRule: inCallerAccount(listTargetsByRule),
    TestEventPattern: (input) => testEventPattern(input),
    CreateEventBus: inCallerAccount(createEventBus),
    DeleteEventBus: inCallerAccount(deleteEventBus),
    DescribeEventBus: inCallerAccount(describeEventBus),
    ListEventBuses: inCallerAccount(listEventBuses),
  };
}

/** The event as EventBridge delivers it, for an event another local service put on a bus. */
function envelopeOf(event: ServiceEvent, id: string, time: string): EventEnvelope {
  return {
    version: '0',
    id,
    'detail-type': event.detailType,
    source: event.source,
    account: event.account,
    time,
    region: event.region,
    resources: [...(event.resources ?? [])],
    detail: event.detail,
  };
}
