import { randomUUID } from 'node:crypto';
import { partitionOfRegion } from '../../accounts/partition.js';
import type { Clock } from '../../store/clock.js';
import { compileNamePattern } from './namePattern.js';

/** Namespace states as the API reports them. */
export const NamespaceStatus = {
  Available: 'AVAILABLE',
  Modifying: 'MODIFYING',
  Deleting: 'DELETING',
} as const;
export type NamespaceStatus = (typeof NamespaceStatus)[keyof typeof NamespaceStatus];

export interface NamespaceRecord {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  /** Listing order and pagination key. */
  readonly sortKey: string;
  readonly createdAt: number;
  adminUsername?: string;
  dbName: string;
  kmsKeyId: string;
  defaultIamRoleArn?: string;
  iamRoles: string[];
  logExports: string[];
  /** MODIFYING while the clock is before this instant. */
  busyUntil: number;
  /** Set by DeleteNamespace: DELETING until this instant, then gone. */
  deletingUntil?: number;
  readonly tags: Map<string, string>;
}

export interface CopyConfigurationRecord {
  readonly id: string;
  readonly arn: string;
  readonly sortKey: string;
  readonly namespaceName: string;
  readonly sourceRegion: string;
  readonly destinationRegion: string;
  readonly destinationKmsKeyId: string;
  snapshotRetentionPeriod: number;
  readonly createdAt: number;
}

interface BusyRule {
  readonly pattern: string;
  readonly matcher: RegExp;
  readonly milliseconds: number;
}

/**
 * The busy switch's standing rules (`markBusy`), shared by every account's store: a pattern
 * makes matching namespaces MODIFYING in whichever account they are created.
 */
export class BusyRules {
  readonly #rules: BusyRule[] = [];

  /** Replaces the rule of `pattern` (0 ms removes it); returns the pattern's matcher. */
  public set(pattern: string, milliseconds: number): RegExp {
    const matcher = compileNamePattern(pattern);
    const existing = this.#rules.findIndex((rule) => rule.pattern === pattern);
    if (existing !== -1) this.#rules.splice(existing, 1);
    if (milliseconds > 0) this.#rules.push({ pattern, matcher, milliseconds });
    return matcher;
  }

  /** How long a namespace created now with this name stays MODIFYING. */
  public busyFor(name: string): number {
    return this.#rules
      .filter((rule) => rule.matcher.test(name))
      .reduce((longest, rule) => Math.max(longest, rule.milliseconds), 0);
  }

  public clear(): void {
    this.#rules.length = 0;
  }
}

/**
 * The state of the local Redshift Serverless in one account (every region of it), read through
 * the injected clock: a namespace's status is computed from instants, never flipped by timers,
 * so tests move time instead of sleeping. The service keeps one store per account, so two
 * accounts may hold namespaces of the same name with ARNs naming each its own account.
 */
export class RedshiftServerlessStore {
  public readonly clock: Clock;
  public readonly account: string;
  /** How long a deleted namespace stays DELETING before it disappears. */
  public readonly deletionMilliseconds: number;
  readonly #namespaces = new Map<string, NamespaceRecord>();
  // Indexes that keep lookups O(1) with thousands of namespaces (the scale bench sweeps 10,000).
  readonly #keysByArn = new Map<string, string>();
  readonly #deletingKeys = new Set<string>();
  readonly #copyConfigurations = new Map<string, CopyConfigurationRecord>();
  readonly #busyRules: BusyRules;
  readonly #createCounts = new Map<string, number>();
  #sequence = 0;

  public constructor(clock: Clock, account: string, deletionMilliseconds: number, busyRules: BusyRules) {
    this.clock = clock;
    this.account = account;
    this.deletionMilliseconds = deletionMilliseconds;
    this.#busyRules = busyRules;
  }

  public now(): number {
    return this.clock.now();
  }

  public statusOf(namespace: NamespaceRecord): NamespaceStatus {
    const now = this.now();
    if (namespace.deletingUntil !== undefined) return NamespaceStatus.Deleting;
    return now < namespace.busyUntil ? NamespaceStatus.Modifying : NamespaceStatus.Available;
  }

  public findNamespace(region: string, name: string): NamespaceRecord | undefined {
    this.#purgeDeleted();
    return this.#namespaces.get(namespaceKey(region, name));
  }

  public findNamespaceByArn(arn: string): NamespaceRecord | undefined {
    this.#purgeDeleted();
    const key = this.#keysByArn.get(arn);
    return key === undefined ? undefined : this.#namespaces.get(key);
  }

  public listNamespaces(region: string): NamespaceRecord[] {
    this.#purgeDeleted();
    return [...this.#namespaces.values()]
      .filter((namespace) => namespace.region === region)
      .sort((a, b) => compare(a.sortKey, b.sortKey));
  }

  /** Adds a namespace, MODIFYING for as long as the busy rules standing now say. */
  public addNamespace(
    fields: Pick<NamespaceRecord, 'name' | 'region' | 'dbName' | 'kmsKeyId' | 'iamRoles' | 'logExports'> &
      Partial<Pick<NamespaceRecord, 'adminUsername' | 'defaultIamRoleArn'>> & { tags: Map<string, string> },
  ): NamespaceRecord {
    const id = randomUUID();
    const createdAt = this.now();
    const busyFor = this.#busyRules.busyFor(fields.name);
    const namespace: NamespaceRecord = {
      ...fields,
      id,
      arn: `arn:${partitionOfRegion(fields.region)}:redshift-serverless:${fields.region}:${this.account}:namespace/${id}`,
      sortKey: this.#nextSortKey(),
      createdAt,
      busyUntil: createdAt + busyFor,
    };
    const key = namespaceKey(fields.region, fields.name);
    this.#namespaces.set(key, namespace);
    this.#keysByArn.set(namespace.arn, key);
    return namespace;
  }

  /** Starts deleting a namespace and its copy configurations; it disappears after `deletionMilliseconds`. */
  public deleteNamespace(namespace: NamespaceRecord): void {
    namespace.deletingUntil = this.now() + this.deletionMilliseconds;
    this.#deletingKeys.add(namespaceKey(namespace.region, namespace.name));
    for (const configuration of this.copyConfigurationsOf(namespace)) {
      this.#copyConfigurations.delete(configuration.id);
    }
  }

  /**
   * Makes this account's namespaces that `matcher` matches MODIFYING for `milliseconds` from now
   * (0 ends their window). Namespaces created later follow the shared BusyRules.
   */
  public markBusy(matcher: RegExp, milliseconds: number): void {
    const until = this.now() + milliseconds;
    for (const namespace of this.#namespaces.values()) {
      if (matcher.test(namespace.name)) namespace.busyUntil = until;
    }
  }

  public copyConfigurationsOf(namespace: NamespaceRecord): CopyConfigurationRecord[] {
    return this.listCopyConfigurations(namespace.region).filter(
      (configuration) => configuration.namespaceName === namespace.name,
    );
  }

  public listCopyConfigurations(sourceRegion?: string): CopyConfigurationRecord[] {
    return [...this.#copyConfigurations.values()]
      .filter((configuration) => sourceRegion === undefined || configuration.sourceRegion === sourceRegion)
      .sort((a, b) => compare(a.sortKey, b.sortKey));
  }

  public findCopyConfiguration(region: string, id: string): CopyConfigurationRecord | undefined {
    const configuration = this.#copyConfigurations.get(id);
    return configuration?.sourceRegion === region ? configuration : undefined;
  }

  public addCopyConfiguration(
    fields: Omit<CopyConfigurationRecord, 'id' | 'arn' | 'sortKey' | 'createdAt'>,
  ): CopyConfigurationRecord {
    const id = randomUUID();
    const configuration: CopyConfigurationRecord = {
      ...fields,
      id,
      arn: `arn:${partitionOfRegion(fields.sourceRegion)}:redshift-serverless:${fields.sourceRegion}:${this.account}:snapshotcopyconfiguration/${id}`,
      sortKey: this.#nextSortKey(),
      createdAt: this.now(),
    };
    this.#copyConfigurations.set(id, configuration);
    this.#createCounts.set(fields.namespaceName, (this.#createCounts.get(fields.namespaceName) ?? 0) + 1);
    return configuration;
  }

  public deleteCopyConfiguration(id: string): void {
    this.#copyConfigurations.delete(id);
  }

  public createCounts(): Record<string, number> {
    return Object.fromEntries(this.#createCounts);
  }

  #purgeDeleted(): void {
    const now = this.now();
    for (const key of this.#deletingKeys) {
      const namespace = this.#namespaces.get(key);
      if (namespace?.deletingUntil !== undefined && now < namespace.deletingUntil) continue;
      this.#deletingKeys.delete(key);
      if (namespace === undefined) continue;
      this.#namespaces.delete(key);
      this.#keysByArn.delete(namespace.arn);
    }
  }

  #nextSortKey(): string {
    this.#sequence += 1;
    return this.#sequence.toString().padStart(12, '0');
  }
}

function namespaceKey(region: string, name: string): string {
  return `${region}/${name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
