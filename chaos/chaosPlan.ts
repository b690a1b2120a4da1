import { type ChaosLayout, namespaceKey } from './chaosLayout.js';
import { createSeededRandom } from './seededRandom.js';

/**
 * What a planned namespace is, hence how it must end:
 * - `protected`: created, then given exactly the copy configuration its policy rule says;
 * - `skipped`: created, left alone by a `skip` rule (sandbox-*), so no configuration;
 * - `rejected`: created, but the service refuses its copy configuration (ValidationException):
 *   dead-lettered at once with its reason;
 * - `missing`: an operator asks for a namespace that does not exist (ResourceNotFoundException);
 * - `malformed`: an operator's request names no valid namespace (InvalidRequest);
 * - `unmanaged-account`: a record (forwarded CloudTrail event or operator request) of an account
 *   outside the scope, named like a namespace of the stack's own account: AccountNotManaged;
 * - `unmanaged-region`: a record of a managed account in a region outside the scope: RegionNotManaged;
 * - `role-missing`: a record of an account in the scope whose member role is missing:
 *   AccountNotManaged (ErrorName AccessDenied, STS's answer).
 */
export const ChaosCaseKind = {
  Protected: 'protected',
  Skipped: 'skipped',
  Rejected: 'rejected',
  Missing: 'missing',
  Malformed: 'malformed',
  UnmanagedAccount: 'unmanaged-account',
  UnmanagedRegion: 'unmanaged-region',
  RoleMissing: 'role-missing',
} as const;
export type ChaosCaseKind = (typeof ChaosCaseKind)[keyof typeof ChaosCaseKind];

/** The kinds refused for where they are: never acted on, dead-lettered with the scope's reason. */
export const REFUSED_KINDS: ReadonlySet<ChaosCaseKind> = new Set([
  ChaosCaseKind.UnmanagedAccount,
  ChaosCaseKind.UnmanagedRegion,
  ChaosCaseKind.RoleMissing,
]);

/** The kinds that end in the dead-letter queue. */
export const INVALID_KINDS: ReadonlySet<ChaosCaseKind> = new Set([
  ChaosCaseKind.Rejected,
  ChaosCaseKind.Missing,
  ChaosCaseKind.Malformed,
  ...REFUSED_KINDS,
]);

/** The kinds whose namespace always exists (CreateNamespace, hence a CloudTrail event). */
const ALWAYS_CREATED: ReadonlySet<ChaosCaseKind> = new Set([
  ChaosCaseKind.Protected,
  ChaosCaseKind.Skipped,
  ChaosCaseKind.Rejected,
]);

/** The ValidationException message the service answers a `rejected` namespace with. */
export const REJECTION_MESSAGE = 'The KMS key is not in the destination region (chaos).';

export interface PlannedNamespace {
  readonly name: string;
  readonly kind: ChaosCaseKind;
  /** Where it lives, or where the record that names it says it lives. */
  readonly account: string;
  readonly region: string;
  /**
   * Created in its account and region (its CloudTrail event reaches the central bus, forwarded
   * by the member template); false: an operator's request names it instead.
   */
  readonly created: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** MODIFYING for this long after creation: ConflictException meanwhile. */
  readonly busyAtCreationSeconds?: number;
  /** The very same event envelope is delivered twice (EventBridge and SQS are at-least-once). */
  readonly duplicateDelivery: boolean;
  /** An operator also asks for it later: a new event, same desired state. */
  readonly manualRequest: boolean;
  /** The first batch that carries it after its Create is killed before acknowledging. */
  readonly crash: boolean;
  /**
   * Someone deletes its copy configuration by hand about this long after the run started (once
   * it exists): the worker must put it back.
   */
  readonly deleteByHandAtMs?: number;
}

/** The namespace turns MODIFYING at some moment after the run started (a Conflict window). */
export interface BusyWindow {
  readonly name: string;
  readonly atMs: number;
  readonly seconds: number;
}

/** Operations the worker calls on Redshift Serverless, where 500s and throttling are injected. */
export const WORKER_REDSHIFT_OPERATIONS = [
  'GetNamespace',
  'ListTagsForResource',
  'ListSnapshotCopyConfigurations',
  'CreateSnapshotCopyConfiguration',
] as const;

export interface ChaosPlan {
  readonly seed: number;
  readonly layout: ChaosLayout;
  readonly namespaces: readonly PlannedNamespace[];
  readonly busyWindows: readonly BusyWindow[];
  /** DynamoDB answers InternalServerError from `atMs` for `seconds`. */
  readonly dynamoDbOutages: readonly { readonly atMs: number; readonly seconds: number }[];
  /** Probability of an InternalServerException (HTTP 500) on each worker call to Redshift Serverless. */
  readonly internalErrorProbability: number;
  /** Probability of a ThrottlingException on each worker call to Redshift Serverless. */
  readonly throttlingProbability: number;
}

export interface ChaosPlanOptions {
  readonly namespaces: number;
  readonly seed: number;
  readonly layout: ChaosLayout;
  /** Roughly how long the events take to send; busy windows and outages fall inside it. */
  readonly sendWindowMs: number;
  /** Longest Conflict window, seconds. */
  readonly maxBusySeconds?: number;
  /** Share of namespaces whose envelope is delivered twice (≥ 0.2 keeps the promise of the issue). */
  readonly duplicateRatio?: number;
  readonly manualRequestRatio?: number;
  readonly crashRatio?: number;
  /** Crashes planned at least, whatever the size (the small CI run must see one). */
  readonly minCrashes?: number;
  /** Share of protected namespaces whose configuration is deleted by hand during the run. */
  readonly handDeletionRatio?: number;
  /** Hand deletions planned at least, whatever the size. */
  readonly minHandDeletions?: number;
  /** Namespaces of every kind at least, whatever the size (the small CI run must meet each one). */
  readonly minPerKind?: number;
  readonly dynamoDbOutageSeconds?: number;
  readonly internalErrorProbability?: number;
  readonly throttlingProbability?: number;
}

/** Cumulative shares of the kinds, drawn in this order; the rest is `protected`. */
const KIND_SHARES: readonly (readonly [ChaosCaseKind, number])[] = [
  [ChaosCaseKind.Skipped, 0.06],
  [ChaosCaseKind.Rejected, 0.04],
  [ChaosCaseKind.Missing, 0.02],
  [ChaosCaseKind.Malformed, 0.01],
  [ChaosCaseKind.UnmanagedAccount, 0.02],
  [ChaosCaseKind.UnmanagedRegion, 0.01],
  [ChaosCaseKind.RoleMissing, 0.02],
];

/**
 * A seeded, reproducible chaos scenario: which namespaces exist where and what they must
 * become, which deliveries are duplicated, where Conflict windows, DynamoDB outages, crashes and
 * deletions by hand fall. Pure: the same options give the same plan.
 */
export function planChaos(options: ChaosPlanOptions): ChaosPlan {
  const random = createSeededRandom(options.seed);
  const maxBusySeconds = options.maxBusySeconds ?? 6;
  const busySeconds = () => 1 + Math.floor(random() * maxBusySeconds);
  const placer = new NamespacePlacer(options.layout, random);

  const namespaces: PlannedNamespace[] = [];
  for (let index = 0; index < options.namespaces; index += 1) {
    const kind = drawKind(random());
    const gold = random() < 0.3;
    const place = placer.place(kind, String(index).padStart(5, '0'), gold);
    const tags: Record<string, string> = { team: `team-${Math.floor(random() * 20)}` };
    if (gold) tags['dr-tier'] = 'gold';
    const isProtected = kind === ChaosCaseKind.Protected;
    namespaces.push({
      ...place,
      kind,
      tags,
      ...(place.created && random() < 0.15 ? { busyAtCreationSeconds: busySeconds() } : {}),
      duplicateDelivery: random() < (options.duplicateRatio ?? 0.25),
      manualRequest: isProtected && random() < (options.manualRequestRatio ?? 0.05),
      crash: isProtected && random() < (options.crashRatio ?? 0.01),
    });
  }
  ensureEveryKind(namespaces, options.minPerKind ?? 0, placer);
  ensureMinimum(namespaces, options.minCrashes ?? 0, 'crash');
  planHandDeletions(namespaces, options, random);
  const outageSeconds = options.dynamoDbOutageSeconds ?? 2;
  return {
    seed: options.seed,
    layout: options.layout,
    namespaces,
    busyWindows: planBusyWindows(namespaces, options.sendWindowMs, random, busySeconds),
    dynamoDbOutages: [0.3, 0.7].map((share) => ({
      atMs: Math.floor(options.sendWindowMs * share),
      seconds: outageSeconds,
    })),
    internalErrorProbability: options.internalErrorProbability ?? 0.03,
    throttlingProbability: options.throttlingProbability ?? 0.03,
  };
}

/** The key of a planned namespace: its account, region and name. */
export function keyOf(namespace: Pick<PlannedNamespace, 'account' | 'region' | 'name'>): string {
  return namespaceKey(namespace.account, namespace.region, namespace.name);
}

function drawKind(draw: number): ChaosCaseKind {
  let cumulative = 0;
  for (const [kind, share] of KIND_SHARES) {
    cumulative += share;
    if (draw < cumulative) return kind;
  }
  return ChaosCaseKind.Protected;
}

type Placement = Pick<PlannedNamespace, 'name' | 'account' | 'region' | 'created'>;

/**
 * Where each kind lives: valid namespaces anywhere in the scope; refused records in their
 * unmanaged account, role-less account or outside region, half of them created there (their
 * event forwarded) and half named by an operator's request. An unmanaged account's namespace
 * takes the name of a protected one of the stack's own account in the same region, when there is
 * one: the record a misdirecting worker would act on at home.
 */
class NamespacePlacer {
  readonly #layout: ChaosLayout;
  readonly #random: () => number;
  /** The latest protected name of the home account, per region. */
  readonly #homeProtected = new Map<string, string>();
  /** Names already used in each unmanaged account. */
  readonly #twins = new Set<string>();
  /** Refused records so far per kind: they alternate between created (forwarded) and requested. */
  readonly #refused = new Map<ChaosCaseKind, number>();

  public constructor(layout: ChaosLayout, random: () => number) {
    this.#layout = layout;
    this.#random = random;
  }

  public place(kind: ChaosCaseKind, serial: string, gold: boolean): Placement {
    const { home, managedAccounts, regions } = this.#layout;
    const region = this.#pick(regions);
    const name = nameFor(kind, serial, gold);
    switch (kind) {
      case ChaosCaseKind.Malformed:
        return { name, account: home.account, region: home.region, created: false };
      case ChaosCaseKind.UnmanagedAccount:
        return this.#twin(this.#pick(this.#layout.unmanagedAccounts), region, name, this.#alternate(kind));
      case ChaosCaseKind.UnmanagedRegion: {
        const outside = this.#pick(this.#layout.outOfScopeRegions);
        return {
          name,
          account: this.#pick(managedAccounts),
          region: outside,
          created: this.#alternate(kind),
        };
      }
      case ChaosCaseKind.RoleMissing: {
        const account = this.#pick(this.#layout.roleMissingAccounts);
        return { name, account, region, created: this.#alternate(kind) };
      }
      default: {
        const account = this.#pick(managedAccounts);
        if (kind === ChaosCaseKind.Protected && account === home.account)
          this.#homeProtected.set(region, name);
        return { name, account, region, created: ALWAYS_CREATED.has(kind) };
      }
    }
  }

  #twin(account: string, region: string, ownName: string, created: boolean): Placement {
    const homeName = this.#homeProtected.get(region);
    const name = homeName !== undefined && !this.#twins.has(`${account}/${homeName}`) ? homeName : ownName;
    this.#twins.add(`${account}/${name}`);
    return { name, account, region, created };
  }

  /** True for the first record of a refused kind, false for the second, and so on. */
  #alternate(kind: ChaosCaseKind): boolean {
    const count = this.#refused.get(kind) ?? 0;
    this.#refused.set(kind, count + 1);
    return count % 2 === 0;
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)] as T;
  }
}

function nameFor(kind: ChaosCaseKind, serial: string, gold: boolean): string {
  switch (kind) {
    case ChaosCaseKind.Skipped:
      return `sandbox-${serial}`;
    case ChaosCaseKind.Missing:
      return `ghost-${serial}`;
    // Uppercase and underscores: not a namespace name (^[a-z0-9-]{3,64}$).
    case ChaosCaseKind.Malformed:
      return `Not_A_Name_${serial}`;
    case ChaosCaseKind.Rejected:
      return `kms-${serial}`;
    case ChaosCaseKind.UnmanagedAccount:
      return `stranger-${serial}`;
    case ChaosCaseKind.UnmanagedRegion:
      return `faraway-${serial}`;
    case ChaosCaseKind.RoleMissing:
      return `roleless-${serial}`;
    default:
      return gold ? `prod-${serial}` : `team-${serial}`;
  }
}

/**
 * Turns protected namespaces, from the last one back, into namespaces of the kinds that have
 * fewer than `minimum`, placed as their kind wants.
 */
function ensureEveryKind(namespaces: PlannedNamespace[], minimum: number, placer: NamespacePlacer): void {
  let index = namespaces.length - 1;
  for (const kind of Object.values(ChaosCaseKind)) {
    let count = namespaces.filter((namespace) => namespace.kind === kind).length;
    for (; count < minimum && index >= 0; index -= 1) {
      const namespace = namespaces[index] as PlannedNamespace;
      if (namespace.kind !== ChaosCaseKind.Protected) continue;
      const serial = String(index).padStart(5, '0');
      const placed = placer.place(kind, serial, false);
      namespaces[index] = { ...namespace, ...placed, kind, manualRequest: false, crash: false };
      count += 1;
    }
  }
}

/** Turns the first protected namespaces into `flag` cases until there are `minimum`. */
function ensureMinimum(namespaces: PlannedNamespace[], minimum: number, flag: 'crash'): void {
  let count = namespaces.filter((namespace) => namespace[flag]).length;
  for (let index = 0; index < namespaces.length && count < minimum; index += 1) {
    const namespace = namespaces[index];
    if (namespace === undefined || namespace.kind !== ChaosCaseKind.Protected || namespace[flag]) continue;
    namespaces[index] = { ...namespace, [flag]: true };
    count += 1;
  }
}

/**
 * Deletions by hand: protected namespaces (crash cases aside) whose configuration someone
 * deletes 2–8 s after the namespace is sent, while the storm goes on.
 */
function planHandDeletions(
  namespaces: PlannedNamespace[],
  options: ChaosPlanOptions,
  random: () => number,
): void {
  const ratio = options.handDeletionRatio ?? 0.03;
  const eligible = (namespace: PlannedNamespace) =>
    namespace.kind === ChaosCaseKind.Protected && !namespace.crash;
  const chosen = new Set<number>();
  namespaces.forEach((namespace, index) => {
    if (eligible(namespace) && random() < ratio) chosen.add(index);
  });
  for (
    let index = namespaces.length - 1;
    index >= 0 && chosen.size < (options.minHandDeletions ?? 0);
    index -= 1
  ) {
    if (eligible(namespaces[index] as PlannedNamespace)) chosen.add(index);
  }
  for (const index of chosen) {
    const sentAtMs = (index / Math.max(1, namespaces.length)) * options.sendWindowMs;
    namespaces[index] = {
      ...(namespaces[index] as PlannedNamespace),
      deleteByHandAtMs: Math.floor(sentAtMs + 2_000 + random() * 6_000),
    };
  }
}

function planBusyWindows(
  namespaces: readonly PlannedNamespace[],
  sendWindowMs: number,
  random: () => number,
  busySeconds: () => number,
): BusyWindow[] {
  const windows: BusyWindow[] = [];
  for (const namespace of namespaces) {
    if (!namespace.created || random() >= 0.05) continue;
    windows.push({ name: namespace.name, atMs: Math.floor(random() * sendWindowMs), seconds: busySeconds() });
  }
  return windows.sort((a, b) => a.atMs - b.atMs);
}

/** Deliveries beyond the first one per namespace: duplicate envelopes and repeated requests. */
export function duplicateDeliveries(plan: ChaosPlan): number {
  return plan.namespaces.reduce(
    (sum, namespace) => sum + (namespace.duplicateDelivery ? 1 : 0) + (namespace.manualRequest ? 1 : 0),
    0,
  );
}
