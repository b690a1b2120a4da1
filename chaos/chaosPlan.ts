import { createSeededRandom } from './seededRandom.js';

/**
 * What a planned namespace is, hence how it must end:
 * - `protected`: created, then given exactly the copy configuration its policy rule says;
 * - `skipped`: created, left alone by a `skip` rule (sandbox-*), so no configuration;
 * - `rejected`: created, but the service refuses its copy configuration (ValidationException):
 *   dead-lettered at once with its reason;
 * - `missing`: an operator asks for a namespace that does not exist (ResourceNotFoundException);
 * - `malformed`: an operator's request names no valid namespace (InvalidRequest).
 */
export const ChaosCaseKind = {
  Protected: 'protected',
  Skipped: 'skipped',
  Rejected: 'rejected',
  Missing: 'missing',
  Malformed: 'malformed',
} as const;
export type ChaosCaseKind = (typeof ChaosCaseKind)[keyof typeof ChaosCaseKind];

/** The kinds that end in the dead-letter queue. */
export const INVALID_KINDS: ReadonlySet<ChaosCaseKind> = new Set([
  ChaosCaseKind.Rejected,
  ChaosCaseKind.Missing,
  ChaosCaseKind.Malformed,
]);

/** The kinds whose namespace exists (CreateNamespace, hence a CloudTrail event). */
export const CREATED_KINDS: ReadonlySet<ChaosCaseKind> = new Set([
  ChaosCaseKind.Protected,
  ChaosCaseKind.Skipped,
  ChaosCaseKind.Rejected,
]);

/** The ValidationException message the service answers a `rejected` namespace with. */
export const REJECTION_MESSAGE = 'The KMS key is not in the destination region (chaos).';

export interface PlannedNamespace {
  readonly name: string;
  readonly kind: ChaosCaseKind;
  readonly tags: Readonly<Record<string, string>>;
  /** MODIFYING for this long after creation: ConflictException meanwhile. */
  readonly busyAtCreationSeconds?: number;
  /** The very same event envelope is delivered twice (EventBridge and SQS are at-least-once). */
  readonly duplicateDelivery: boolean;
  /** An operator also asks for it later: a new event, same desired state. */
  readonly manualRequest: boolean;
  /** The first batch that carries it after its Create is killed before acknowledging. */
  readonly crash: boolean;
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
];

/**
 * A seeded, reproducible chaos scenario: which namespaces exist and what they must become,
 * which deliveries are duplicated, where Conflict windows, DynamoDB outages and crashes fall.
 * Pure: the same options give the same plan.
 */
export function planChaos(options: ChaosPlanOptions): ChaosPlan {
  const random = createSeededRandom(options.seed);
  const maxBusySeconds = options.maxBusySeconds ?? 6;
  const duplicateRatio = options.duplicateRatio ?? 0.25;
  const manualRequestRatio = options.manualRequestRatio ?? 0.05;
  const crashRatio = options.crashRatio ?? 0.01;
  const busySeconds = () => 1 + Math.floor(random() * maxBusySeconds);

  const namespaces: PlannedNamespace[] = [];
  for (let index = 0; index < options.namespaces; index += 1) {
    const kind = drawKind(random());
    const serial = String(index).padStart(5, '0');
    const gold = random() < 0.3;
    const name = nameFor(kind, serial, gold);
    const created = CREATED_KINDS.has(kind);
    const tags: Record<string, string> = { team: `team-${Math.floor(random() * 20)}` };
    if (gold) tags['dr-tier'] = 'gold';
    namespaces.push({
      name,
      kind,
      tags,
      ...(created && random() < 0.15 ? { busyAtCreationSeconds: busySeconds() } : {}),
      duplicateDelivery: random() < duplicateRatio,
      manualRequest: kind === ChaosCaseKind.Protected && random() < manualRequestRatio,
      crash: kind === ChaosCaseKind.Protected && random() < crashRatio,
    });
  }
  ensureMinimumCrashes(namespaces, options.minCrashes ?? 0);

  const busyWindows: BusyWindow[] = [];
  for (const namespace of namespaces) {
    if (!CREATED_KINDS.has(namespace.kind) || random() >= 0.05) continue;
    busyWindows.push({
      name: namespace.name,
      atMs: Math.floor(random() * options.sendWindowMs),
      seconds: busySeconds(),
    });
  }
  const outageSeconds = options.dynamoDbOutageSeconds ?? 2;
  return {
    seed: options.seed,
    namespaces,
    busyWindows: busyWindows.sort((a, b) => a.atMs - b.atMs),
    dynamoDbOutages: [0.3, 0.7].map((share) => ({
      atMs: Math.floor(options.sendWindowMs * share),
      seconds: outageSeconds,
    })),
    internalErrorProbability: options.internalErrorProbability ?? 0.03,
    throttlingProbability: options.throttlingProbability ?? 0.03,
  };
}

function drawKind(draw: number): ChaosCaseKind {
  let cumulative = 0;
  for (const [kind, share] of KIND_SHARES) {
    cumulative += share;
    if (draw < cumulative) return kind;
  }
  return ChaosCaseKind.Protected;
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
    default:
      return gold ? `prod-${serial}` : `team-${serial}`;
  }
}

/** Turns the first protected namespaces into crash cases until there are `minimum`. */
function ensureMinimumCrashes(namespaces: PlannedNamespace[], minimum: number): void {
  let crashes = namespaces.filter((namespace) => namespace.crash).length;
  for (let index = 0; index < namespaces.length && crashes < minimum; index += 1) {
    const namespace = namespaces[index];
    if (namespace === undefined || namespace.kind !== ChaosCaseKind.Protected || namespace.crash) continue;
    namespaces[index] = { ...namespace, crash: true };
    crashes += 1;
  }
}

/** Deliveries beyond the first one per namespace: duplicate envelopes and repeated requests. */
export function duplicateDeliveries(plan: ChaosPlan): number {
  return plan.namespaces.reduce(
    (sum, namespace) => sum + (namespace.duplicateDelivery ? 1 : 0) + (namespace.manualRequest ? 1 : 0),
    0,
  );
}
