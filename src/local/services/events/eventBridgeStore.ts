import { partitionOfRegion } from '../../accounts/partition.js';
import type { CompiledPattern } from './pattern/index.js';

export const DEFAULT_BUS = 'default';

/** A target as PutTargets stored it (the API shape, so ListTargetsByRule returns it as given). */
export interface TargetRecord {
  readonly Id: string;
  readonly Arn: string;
  readonly [field: string]: unknown;
}

export interface RuleRecord {
  readonly name: string;
  readonly arn: string;
  readonly eventBusName: string;
  eventPattern?: CompiledPattern;
  scheduleExpression?: string;
  state: string;
  description?: string;
  roleArn?: string;
  /** Insertion order is the order targets were first put. */
  readonly targets: Map<string, TargetRecord>;
}

export interface EventBusRecord {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly creationTime: number;
  readonly rules: Map<string, RuleRecord>;
}

/** What a rule did since the last reset: events matched, target deliveries made and failed. */
export interface RuleCounters {
  matched: number;
  invoked: number;
  failed: number;
}

/**
 * The EventBridge state of one account: event buses (and their rules and targets) per region,
 * and per-rule counters keyed by rule ARN (they survive DeleteRule, until reset). The service
 * keeps one store per account.
 */
export class EventBridgeStore {
  readonly #regions = new Map<string, Map<string, EventBusRecord>>();
  readonly #counters = new Map<string, RuleCounters>();

  public constructor(
    public readonly account: string,
    private readonly now: () => number,
  ) {}

  /** The buses of a region; `default` always exists. */
  public buses(region: string): Map<string, EventBusRecord> {
    let buses = this.#regions.get(region);
    if (buses === undefined) {
      buses = new Map();
      this.#regions.set(region, buses);
      buses.set(DEFAULT_BUS, this.newBus(region, DEFAULT_BUS));
    }
    return buses;
  }

  public newBus(region: string, name: string, description?: string): EventBusRecord {
    return {
      name,
      arn: `arn:${partitionOfRegion(region)}:events:${region}:${this.account}:event-bus/${name}`,
      description,
      creationTime: this.now(),
      rules: new Map(),
    };
  }

  public ruleArn(region: string, busName: string, ruleName: string): string {
    const resource = busName === DEFAULT_BUS ? `rule/${ruleName}` : `rule/${busName}/${ruleName}`;
    return `arn:${partitionOfRegion(region)}:events:${region}:${this.account}:${resource}`;
  }

  public countersFor(ruleArn: string): RuleCounters {
    let counters = this.#counters.get(ruleArn);
    if (counters === undefined) {
      counters = { matched: 0, invoked: 0, failed: 0 };
      this.#counters.set(ruleArn, counters);
    }
    return counters;
  }

  public counters(): Record<string, RuleCounters> {
    return Object.fromEntries([...this.#counters].map(([arn, counters]) => [arn, { ...counters }]));
  }

  public reset(): void {
    this.#regions.clear();
    this.#counters.clear();
  }
}

/** The account, region and name an event bus ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`) names. */
export interface EventBusAddress {
  readonly account: string;
  readonly region: string;
  readonly name: string;
}

const EVENT_BUS_ARN = /^arn:[a-z-]+:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;

/** The address in an event bus ARN, or undefined when `arn` names anything else. */
export function parseEventBusArn(arn: string): EventBusAddress | undefined {
  const match = EVENT_BUS_ARN.exec(arn);
  if (match === null) return undefined;
  const [, region = '', account = '', name = ''] = match;
  return { account, region, name };
}
