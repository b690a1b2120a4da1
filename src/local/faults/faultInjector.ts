import type { Clock } from '../store/clock.js';
import { FAULT_ERRORS, type FaultErrorSpec } from './faultErrors.js';
import { parseFaultRule } from './parseFaultRule.js';
import type { FaultCall, FaultDecision, FaultRule, FaultRuleInput } from './types.js';

export interface FaultInjectorOptions {
  readonly clock: Clock;
  /** A number in [0, 1); inject a seeded source to make `probability` rules reproducible. */
  readonly random?: () => number;
}

interface MutableRule {
  readonly id: string;
  readonly service: string;
  readonly operation?: string;
  readonly error?: FaultErrorSpec;
  remaining?: number;
  readonly untilMs?: number;
  readonly latencyMs?: number;
  readonly probability?: number;
  readonly matchBody?: Readonly<Record<string, string>>;
  hits: number;
}

const resolveError = (error: FaultRuleInput['error']): FaultErrorSpec | undefined => {
  if (error === undefined) return undefined;
  if (typeof error === 'string') return FAULT_ERRORS[error];
  return {
    code: error.code,
    message: error.message ?? `Injected ${error.code}`,
    statusCode: error.statusCode ?? 400,
  };
};

const matchesBody = (
  expected: Readonly<Record<string, string>>,
  input: Readonly<Record<string, unknown>> | undefined,
): boolean =>
  input !== undefined &&
  Object.entries(expected).every(([field, value]) => {
    const actual = input[field];
    return (
      (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') &&
      String(actual) === value
    );
  });

const snapshot = (rule: MutableRule): FaultRule => ({ ...rule });

/**
 * Switchable failures for the local cloud (DESIGN.md section 6): the edge server asks
 * `decide` before dispatching each call. Rules fire in the order they were added; the first
 * firing rule with an error decides the error, latencies add up. Counts go down only when a
 * rule fires, and time windows are measured on the injected clock, so tests move time instead
 * of sleeping.
 */
export class FaultInjector {
  readonly #clock: Clock;
  readonly #random: () => number;
  #rules: MutableRule[] = [];
  #nextId = 1;
  #hitsByOperation = new Map<string, number>();

  public constructor(options: FaultInjectorOptions) {
    this.#clock = options.clock;
    this.#random = options.random ?? Math.random;
  }

  /** Adds a rule (validated: throws InvalidFaultRuleError) and returns it with its id. */
  public add(input: FaultRuleInput): FaultRule {
    const rule = parseFaultRule(input);
    const untilMs = rule.seconds !== undefined ? this.#clock.now() + rule.seconds * 1000 : rule.untilMs;
    const stored: MutableRule = {
      id: `fault-${this.#nextId++}`,
      service: rule.service,
      operation: rule.operation,
      error: resolveError(rule.error),
      remaining: rule.count,
      untilMs,
      latencyMs: rule.latencyMs,
      probability: rule.probability,
      matchBody: rule.matchBody,
      hits: 0,
    };
    this.#rules.push(stored);
    return snapshot(stored);
  }

  /** The rules still in force. */
  public list(): FaultRule[] {
    this.#retire();
    return this.#rules.map(snapshot);
  }

  /** Removes one rule; false when no rule has that id. */
  public remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((rule) => rule.id !== id);
    return this.#rules.length < before;
  }

  /** Removes every rule (hit counts stay, for the stats). */
  public clear(): void {
    this.#rules = [];
  }

  /** Removes every rule and forgets the hit counts. */
  public reset(): void {
    this.#rules = [];
    this.#hitsByOperation.clear();
  }

  /** Whether a rule for this call looks at its input, so the edge must read the body first. */
  public wantsInput(service: string, operation: string): boolean {
    this.#retire();
    return this.#rules.some(
      (rule) =>
        rule.matchBody !== undefined &&
        rule.service === service &&
        (rule.operation === undefined || rule.operation === operation),
    );
  }

  /** Decides what happens to one call, consuming the counts of the rules that fire. */
  public decide(call: FaultCall): FaultDecision {
    this.#retire();
    let latencyMs = 0;
    let error: FaultErrorSpec | undefined;
    for (const rule of this.#rules) {
      if (rule.service !== call.service) continue;
      if (rule.operation !== undefined && rule.operation !== call.operation) continue;
      if (rule.matchBody !== undefined && !matchesBody(rule.matchBody, call.input)) continue;
      // A second failing rule must not spend its count on a call that already fails.
      if (rule.error !== undefined && error !== undefined) continue;
      if (rule.probability !== undefined && this.#random() >= rule.probability) continue;
      rule.hits += 1;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      latencyMs += rule.latencyMs ?? 0;
      if (rule.error !== undefined) error = rule.error;
      const key = `${call.service}.${call.operation}`;
      this.#hitsByOperation.set(key, (this.#hitsByOperation.get(key) ?? 0) + 1);
    }
    this.#retire();
    return error === undefined ? { latencyMs } : { latencyMs, error };
  }

  /** How many calls faults have hit, by `<service>.<operation>`. */
  public hits(): Record<string, number> {
    return Object.fromEntries(this.#hitsByOperation);
  }

  #retire(): void {
    const now = this.#clock.now();
    this.#rules = this.#rules.filter(
      (rule) =>
        (rule.remaining === undefined || rule.remaining > 0) &&
        (rule.untilMs === undefined || now < rule.untilMs),
    );
  }
}
