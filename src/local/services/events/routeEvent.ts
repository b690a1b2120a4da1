import type { TargetDelivery } from '../contracts.js';
import type { EventBridgeStore, EventBusRecord } from './eventBridgeStore.js';
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

/** Rules whose state makes them fire (anything but DISABLED, e.g. ENABLED_WITH_ALL_CLOUDTRAIL_…). */
const isEnabled = (state: string): boolean => state !== 'DISABLED';

/**
 * Sends an event through every enabled rule of its bus: a matching rule hands each target its
 * input (Input / InputPath / InputTransformer / the event). A target that cannot be reached
 * gets the event sent to its DeadLetterConfig queue, if it has one; every outcome is counted
 * on the rule (`matched`, `invoked`, `failed`).
 */
export async function routeEvent(
  store: EventBridgeStore,
  bus: EventBusRecord,
  envelope: EventEnvelope,
  delivery: TargetDelivery,
  ingestionTime: string,
): Promise<void> {
  const event = envelope as unknown as Record<string, unknown>;
  for (const rule of [...bus.rules.values()]) {
    if (
      !isEnabled(rule.state) ||
      rule.eventPattern === undefined ||
      !matchesPattern(rule.eventPattern, event)
    ) {
      continue;
    }
    const counters = store.countersFor(rule.arn);
    counters.matched += 1;
    for (const target of [...rule.targets.values()]) {
      const message = renderTargetInput(target as TargetInputSettings, event, {
        ruleArn: rule.arn,
        ruleName: rule.name,
        ingestionTime,
      });
      try {
        await delivery.deliver(target.Arn, message);
        counters.invoked += 1;
      } catch {
        counters.failed += 1;
        const deadLetterArn = (target.DeadLetterConfig as { Arn?: unknown } | undefined)?.Arn;
        if (typeof deadLetterArn === 'string') {
          // AWS dead-letters the original event; a missing DLQ is already counted as `failed`
          await Promise.resolve()
            .then(() => delivery.deliver(deadLetterArn, JSON.stringify(event)))
            .catch(() => undefined);
        }
      }
    }
  }
}
