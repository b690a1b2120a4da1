import {
  CreateNamespaceCommand,
  DeleteSnapshotCopyConfigurationCommand,
  ListSnapshotCopyConfigurationsCommand,
} from '@aws-sdk/client-redshift-serverless';
import {
  type CapturedLine,
  LOCAL_ACCOUNT_ID,
  type LocalAutomation,
  startLocalAutomation,
} from '../src/local/index.js';
import { retryPackaging } from './retryPackaging.js';
import { splitNames } from './seedNamespaces.js';

export interface RestorationSpec {
  readonly serviceDir: string;
  /** Relative to serviceDir; its scope must hold `member` and `regions`. */
  readonly policyFile: string;
  /** A member account reached through its role; the stack's own account is the other. */
  readonly member: string;
  /** Regions of both accounts; the first is the stack's home region. */
  readonly regions: readonly string[];
  /** Namespaces protected, then each one's configuration deleted; spread over the (account, region) pairs. */
  readonly deletions: number;
  /** CreateNamespace calls in flight at once. */
  readonly concurrency: number;
  /** Every configuration is deleted once per round, the rounds one after the other. */
  readonly rounds: readonly DeletionRound[];
  readonly timeoutSeconds: number;
}

/** How the deletions of a round come: `concurrency` at a time, each lane waiting `spacingMs` after each. */
export interface DeletionRound {
  readonly label: string;
  readonly concurrency: number;
  readonly spacingMs: number;
}

export interface RestorationResult {
  readonly rounds: readonly RoundResult[];
}

export interface RoundResult {
  readonly round: DeletionRound;
  readonly deletions: number;
  /** Per deletion, ms: DeleteSnapshotCopyConfiguration returned → the worker's `restored` outcome line. */
  readonly toRestoredLineMs: readonly number[];
  /** Per deletion, ms: DeleteSnapshotCopyConfiguration returned → the new configuration's creation (service clock). */
  readonly toConfigurationBackMs: readonly number[];
  /** Deletions with no configuration back when the bench stopped waiting. */
  readonly notRestored: number;
  /** From the first deletion's return to the last configuration back. */
  readonly wallMs: number;
  /** The worker's outcome lines while the deletions were handled, by outcome. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly records: number;
  readonly lambdaInvocations: number;
}

interface Place {
  readonly account: string;
  readonly region: string;
}

const key = (place: Place, name: string): string => `${place.account}/${place.region}/${name}`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Self-healing timed on the local cloud (a bench child task): namespaces in the stack's account
 * and a member, in two regions, are protected by the worker; then each configuration is deleted
 * through the real SDK, as a person would. CloudTrail's DeleteSnapshotCopyConfiguration event
 * (forwarded from the member by its template's rule) meets the copy-configuration-changed rule,
 * the requests queue, the copy worker: each deletion is timed until the worker's `restored`
 * outcome line, and until the configuration exists again.
 */
export async function runRestoration(spec: RestorationSpec): Promise<RestorationResult> {
  const restoredAt = new Map<string, number>();
  const automation = await retryPackaging(() =>
    startLocalAutomation({
      serviceDir: spec.serviceDir,
      port: 0,
      region: spec.regions[0],
      params: { policyFile: spec.policyFile },
      memberAccounts: [LOCAL_ACCOUNT_ID, spec.member].map((account) => ({ account, regions: spec.regions })),
      onLog: (line) => noteRestored(line, restoredAt),
    }),
  );
  try {
    const places = [LOCAL_ACCOUNT_ID, spec.member].flatMap((account) =>
      spec.regions.map((region) => ({ account, region })),
    );
    const slices = splitNames('heal', spec.deletions, places.length);
    const namespaces = places.flatMap((place, index) =>
      (slices[index] ?? []).map((name) => ({ place, name })),
    );
    await inParallel(namespaces, spec.concurrency, ({ place, name }) =>
      automation
        .clientsFor(place.account, place.region)
        .redshift.send(new CreateNamespaceCommand({ namespaceName: name })),
    );
    const wanted = new Set(namespaces.map(({ place, name }) => key(place, name)));
    const protectedAt = await waitForConfigurations(automation, wanted, new Map(), spec.timeoutSeconds);
    if (protectedAt.size < wanted.size)
      throw new Error(`${wanted.size - protectedAt.size} namespaces never protected`);
    // The last batch logs and returns after its configurations exist: let it finish.
    await sleep(1_500);
    const rounds: RoundResult[] = [];
    let configuredAt = protectedAt;
    for (const round of spec.rounds) {
      const result = await deletionRound(
        automation,
        { namespaces, places, round, configuredAt, restoredAt },
        spec,
      );
      rounds.push(result.summary);
      configuredAt = result.backAt;
    }
    return { rounds };
  } finally {
    await automation.close();
  }
}

interface Namespace {
  readonly place: Place;
  readonly name: string;
}

/**
 * Deletes every configuration once, as the round says, and waits until each is back (created
 * after `configuredAt` says it was last) and the worker said `restored` for it.
 */
async function deletionRound(
  automation: LocalAutomation,
  run: {
    readonly namespaces: readonly Namespace[];
    readonly places: readonly Place[];
    readonly round: DeletionRound;
    readonly configuredAt: ReadonlyMap<string, number>;
    readonly restoredAt: Map<string, number>;
  },
  spec: RestorationSpec,
): Promise<{ summary: RoundResult; backAt: Map<string, number> }> {
  const ids = await configurationIds(automation, run.places);
  const logsBefore = automation.runner.logs.length;
  const invocationsBefore = automation.runner.invocations.length;
  run.restoredAt.clear();
  const deletedAt = new Map<string, number>();
  await inParallel(run.namespaces, run.round.concurrency, async ({ place, name }) => {
    const id = ids.get(key(place, name));
    await automation
      .clientsFor(place.account, place.region)
      .redshift.send(new DeleteSnapshotCopyConfigurationCommand({ snapshotCopyConfigurationId: id }));
    deletedAt.set(key(place, name), Date.now());
    if (run.round.spacingMs > 0) await sleep(run.round.spacingMs);
  });
  const wanted = new Set(deletedAt.keys());
  const backAt = await waitForConfigurations(automation, wanted, run.configuredAt, spec.timeoutSeconds);
  const deadline = Date.now() + 5_000;
  while (run.restoredAt.size < backAt.size && Date.now() < deadline) await sleep(50);
  // The last batch returns after its outcome lines: let it finish before counting.
  await sleep(1_500);
  const summary = summarize({
    automation,
    deletedAt,
    backAt,
    restoredAt: run.restoredAt,
    logsBefore,
    invocationsBefore,
  });
  return { summary: { round: run.round, ...summary }, backAt };
}

function summarize(run: {
  readonly automation: LocalAutomation;
  readonly deletedAt: ReadonlyMap<string, number>;
  readonly backAt: ReadonlyMap<string, number>;
  readonly restoredAt: ReadonlyMap<string, number>;
  readonly logsBefore: number;
  readonly invocationsBefore: number;
}): Omit<RoundResult, 'round'> {
  const { deletedAt, backAt, restoredAt, automation } = run;
  const since = (at: ReadonlyMap<string, number>) =>
    [...deletedAt].flatMap(([name, deleted]) => {
      const then = at.get(name);
      return then === undefined ? [] : [then - deleted];
    });
  const outcomes: Record<string, number> = {};
  for (const line of automation.runner.logs.slice(run.logsBefore)) {
    if (typeof line.outcome === 'string') outcomes[line.outcome] = (outcomes[line.outcome] ?? 0) + 1;
  }
  const invocations = automation.runner.invocations.slice(run.invocationsBefore);
  return {
    deletions: deletedAt.size,
    toRestoredLineMs: since(restoredAt),
    toConfigurationBackMs: since(backAt),
    notRestored: deletedAt.size - backAt.size,
    wallMs: Math.max(...backAt.values()) - Math.min(...deletedAt.values()),
    outcomes,
    records: invocations.reduce((total, invocation) => total + (invocation.batch?.size ?? 0), 0),
    lambdaInvocations: invocations.length,
  };
}

/** A `restored` outcome line: when the worker wrote it (its own timestamp), per namespace. */
function noteRestored(line: CapturedLine, restoredAt: Map<string, number>): void {
  const { outcome, account, region, namespace, timestamp } = line.record;
  if (outcome !== 'restored' || typeof namespace !== 'string') return;
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Date.now();
  const place = { account: String(account), region: String(region) };
  if (!restoredAt.has(key(place, namespace))) restoredAt.set(key(place, namespace), at);
}

/**
 * When each wanted namespace got a configuration created after `after` says (its first one when
 * `after` has none), by the service's clock; observed in-process, so watching adds no calls.
 */
async function waitForConfigurations(
  automation: LocalAutomation,
  wanted: ReadonlySet<string>,
  after: ReadonlyMap<string, number>,
  timeoutSeconds: number,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (found.size < wanted.size && Date.now() < deadline) {
    for (const configuration of automation.cloud.redshift.snapshotCopyConfigurations()) {
      const name = key(
        { account: configuration.account, region: configuration.sourceRegion },
        configuration.namespaceName,
      );
      if (wanted.has(name) && configuration.createdAt > (after.get(name) ?? 0))
        found.set(name, configuration.createdAt);
    }
    if (found.size < wanted.size) await sleep(50);
  }
  return found;
}

/** Every configuration's id, listed through the SDK as its account sees it. */
async function configurationIds(
  automation: LocalAutomation,
  places: readonly Place[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const place of places) {
    const { redshift } = automation.clientsFor(place.account, place.region);
    let nextToken: string | undefined;
    do {
      const page = await redshift.send(
        new ListSnapshotCopyConfigurationsCommand({ maxResults: 100, nextToken }),
      );
      for (const configuration of page.snapshotCopyConfigurations ?? []) {
        const { namespaceName, snapshotCopyConfigurationId } = configuration;
        if (namespaceName && snapshotCopyConfigurationId)
          ids.set(key(place, namespaceName), snapshotCopyConfigurationId);
      }
      nextToken = page.nextToken || undefined;
    } while (nextToken !== undefined);
  }
  return ids;
}

async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}
