import { LocalCloudError } from '../../errors.js';
import type { TargetDelivery } from '../contracts.js';
import {
  type EventBridgeStore,
  type EventBusRecord,
  parseEventBusArn,
  type TargetRecord,
} from './eventBridgeStore.js';
import { matchesPattern } from './pattern/index.js';
import { renderTargetInput, type TargetInputSettings } from './targetInput.js';

/** An event as EventBridge hands it to rules and targets. */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

/** A bus and the store (account) that holds it. */
export interface LocatedBus {
  readonly store: EventBridgeStore;
  readonly bus: EventBusRecord;
}

/** Where events go besides the bus they arrived on: targets outside EventBridge, and other buses. */
export interface EventRouting {
  /** SQS (and any other non-bus target). */
  readonly delivery: TargetDelivery;
  /** The bus an event-bus ARN names, in any account and region; undefined when it does not exist. */
  busByArn(arn: string): LocatedBus | undefined;
}

/** Rules whose state makes them fire (anything but DISABLED, e.g. ENABLED_WITH_ALL_CLOUDTRAIL_…). */
const isEnabled = (state: string): boolean => state !== 'DISABLED';

/** Thrown for an event-bus target that does not exist: the delivery fails like any other. */
class MissingBusTargetError extends LocalCloudError {
  public constructor(arn: string) {
    super(`event bus ${arn} does not exist`);
    this.name = 'MissingBusTargetError';
  }
}

/**
 * Sends an event through every enabled rule of its bus: a matching rule hands each target its
 * input (Input / InputPath / InputTransformer / the event). A target that cannot be reached
 * gets the event sent to its DeadLetterConfig queue, if it has one; every outcome is counted
 * on the rule (`matched`, `invoked`, `failed`).
 *
 * A target that is an event bus (same or another account, same or another region) receives the
 * event itself, unchanged: it keeps its id, `account` and `region`, as AWS documents for events
 * sent between buses (the receiver sees where the event happened). An event that arrived from
 * another bus is not passed on to a third one (`forwarded`), as EventBridge refuses to: "If a
 * receiver account sets up a rule that sends events received from a sender account on to a
 * third account, these events are not sent to the third account."
 */
export async function routeEvent(
  located: LocatedBus,
  envelope: EventEnvelope,
  routing: EventRouting,
  ingestionTime: string,
  forwarded = false,
): Promise<void> {
  const event = envelope as unknown as Record<string, unknown>;
  for (const rule of [...located.bus.rules.values()]) {
    if (
      !isEnabled(rule.state) ||
      rule.eventPattern === undefined ||
      !matchesPattern(rule.eventPattern, event)
    ) {
      continue;
    }
    const counters = located.store.countersFor(rule.arn);
    counters.matched += 1;
    for (const target of [...rule.targets.values()]) {
      const toBus = parseEventBusArn(target.Arn) !== undefined;
      if (toBus && forwarded) continue;
      try {
        if (toBus) await forwardToBus(target, envelope, routing, ingestionTime);
        else {
          const message = renderTargetInput(target as TargetInputSettings, event, {
            ruleArn: rule.arn,
            ruleName: rule.name,
            ingestionTime,
          });
          await routing.delivery.deliver(target.Arn, message);
        }
        counters.invoked += 1;
      } catch {
        counters.failed += 1;
        await deadLetter(target, event, routing.delivery);
      }
    }
  }
}

async function forwardToBus(
  target: TargetRecord,
  envelope: EventEnvelope,
  routing: EventRouting,
  ingestionTime: string,
): Promise<void> {
  const located = routing.busByArn(target.Arn);
  if (located === undefined) throw new MissingBusTargetError(target.Arn);
  await routeEvent(located, envelope, routing, ingestionTime, true);
}

/** AWS dead-letters the original event; a missing DLQ is already counted as `failed`. */
async function deadLetter(target: TargetRecord, event: Record<string, unknown>, delivery: TargetDelivery) {
  const deadLetterArn = (target.DeadLetterConfig as { Arn?: unknown } | undefined)?.Arn;
  if (typeof deadLetterArn !== 'string') return;
  await Promise.resolve()
    .then(() => delivery.deliver(deadLetterArn, JSON.stringify(event)))
    .catch(() => undefined);
}
