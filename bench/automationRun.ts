import { CreateNamespaceCommand } from '@aws-sdk/client-redshift-serverless';
import { type LocalAutomation, startLocalAutomation } from '../src/local/index.js';
import { retryPackaging } from './retryPackaging.js';
import { seededRandom } from './seededRandom.js';

/**
 * One scenario the local automation is put through:
 * - available: namespaces created at once, each protected as soon as the worker gets to it;
 * - busy: each namespace MODIFYING for a random window from its creation (ConflictException
 *   until then), so the worker's retry delays decide how soon after the window it is protected;
 * - backlog: the worker is stopped while the namespaces are created, then started: it drains a
 *   queue of `count` records, which is its throughput.
 */
export interface PhaseSpec {
  readonly label: string;
  readonly kind: 'available' | 'busy' | 'backlog';
  readonly count: number;
  /** Namespace names are `<prefix>-<index>`; unique per phase. */
  readonly prefix: string;
  readonly busySeconds?: { readonly min: number; readonly max: number; readonly seed: number };
  /** CreateNamespace calls in flight at once. */
  readonly createConcurrency: number;
  /** Gives up waiting for protection after this long; the rest count as unprotected. */
  readonly timeoutSeconds: number;
}

export interface AutomationRunSpec {
  readonly serviceDir: string;
  /** Replaces serverless.yml's backoff (a fixed-visibility baseline); absent = as deployed. */
  readonly backoff?: { readonly baseSeconds: number; readonly maxSeconds: number };
  readonly phases: readonly PhaseSpec[];
}

export interface PhaseResult {
  readonly label: string;
  readonly kind: PhaseSpec['kind'];
  readonly count: number;
  readonly protectedCount: number;
  /**
   * Per protected namespace, ms: available/backlog = from CreateNamespace returning to the copy
   * configuration's creation; busy = from the end of its busy window to that creation.
   */
  readonly latenciesMs: readonly number[];
  /** From the first CreateNamespace (backlog: from the worker's start) to the last protection. */
  readonly wallMs: number;
  /** Records the worker received (retries count again). */
  readonly records: number;
  readonly lambdaInvocations: number;
  /** Redshift Serverless calls by operation, the bench's own CreateNamespace calls left out. */
  readonly redshiftCalls: Readonly<Record<string, number>>;
  readonly dynamodbRequests: number;
  readonly sqsRequests: number;
  /** Worker log lines by `outcome`. */
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface AutomationRunResult {
  readonly backoff: AutomationRunSpec['backoff'] | 'as deployed';
  readonly phases: readonly PhaseResult[];
}

const POLL_MS = 50;
const LONG_POLL_SECONDS = 1;
const SETTLE_MS = 1_500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs phases against one local automation (local cloud + `osls package` + the real worker
 * in-process). Protection is observed in-process (the service's own view of copy
 * configurations and their creation instants), so observing adds no API calls to the counts.
 * Runs in a child process of its own (see childProcess.ts).
 */
export async function runAutomation(spec: AutomationRunSpec): Promise<AutomationRunResult> {
  const calls = new Map<string, number>();
  const automation = await retryPackaging(() =>
    startLocalAutomation({
      serviceDir: spec.serviceDir,
      port: 0,
      cloudLog: (entry) => calls.set(entry.call, (calls.get(entry.call) ?? 0) + 1),
      ...(spec.backoff === undefined
        ? {}
        : {
            environmentOverrides: {
              BACKOFF_BASE_SECONDS: String(spec.backoff.baseSeconds),
              BACKOFF_MAX_SECONDS: String(spec.backoff.maxSeconds),
            },
          }),
    }),
  );
  try {
    const phases: PhaseResult[] = [];
    for (const phase of spec.phases) phases.push(await runPhase(automation, phase, calls));
    return { backoff: spec.backoff ?? 'as deployed', phases };
  } finally {
    await automation.close();
  }
}

async function runPhase(
  automation: LocalAutomation,
  phase: PhaseSpec,
  calls: Map<string, number>,
): Promise<PhaseResult> {
  const { cloud, runner, clients } = automation;
  const callsBefore = new Map(calls);
  const redshiftBefore = cloud.redshift.callCounts();
  const invocationsBefore = runner.invocations.length;
  const logsBefore = runner.logs.length;
  const names = Array.from({ length: phase.count }, (_, index) => `${phase.prefix}-${index}`);
  const random = seededRandom(phase.busySeconds?.seed ?? 1);
  const windows = names.map(() =>
    phase.busySeconds === undefined
      ? 0
      : phase.busySeconds.min + random() * (phase.busySeconds.max - phase.busySeconds.min),
  );
  // Instant (epoch ms) each namespace's latency counts from.
  const from = new Map<string, number>();

  if (phase.kind === 'backlog') {
    await runner.stop();
    // A stopped poller's last long poll still waits on the server (up to 1 s) and would take
    // the first new messages out of sight for the queue's visibility timeout: let it expire.
    await sleep(LONG_POLL_SECONDS * 1000 + 500);
  }
  const started = Date.now();
  let next = 0;
  const create = async (): Promise<void> => {
    while (next < names.length) {
      const index = next;
      next += 1;
      const name = names[index] as string;
      const windowSeconds = windows[index] as number;
      if (phase.kind === 'busy') cloud.redshift.markBusy(name, windowSeconds);
      const response = await clients.redshift.send(new CreateNamespaceCommand({ namespaceName: name }));
      const returned = Date.now();
      const created = response.namespace?.creationDate?.getTime() ?? returned;
      from.set(name, phase.kind === 'busy' ? created + windowSeconds * 1000 : returned);
    }
  };
  await Promise.all(Array.from({ length: phase.createConcurrency }, create));
  let drainStarted = started;
  if (phase.kind === 'backlog') {
    drainStarted = Date.now();
    runner.start();
  }

  const protectedAt = await waitForProtection(automation, new Set(names), phase.timeoutSeconds);
  const last = Math.max(drainStarted, ...protectedAt.values());
  // The last batch logs its outcomes and returns after its configurations exist; let it finish
  // (one batching window) so counts and outcomes are the phase's whole.
  await sleep(SETTLE_MS);
  const latenciesMs = names.flatMap((name) => {
    const at = protectedAt.get(name);
    const since = phase.kind === 'backlog' ? drainStarted : from.get(name);
    return at === undefined || since === undefined ? [] : [at - since];
  });

  const invocations = runner.invocations.slice(invocationsBefore);
  const outcomes: Record<string, number> = {};
  for (const line of runner.logs.slice(logsBefore)) {
    if (typeof line.outcome === 'string') outcomes[line.outcome] = (outcomes[line.outcome] ?? 0) + 1;
  }
  const redshiftCalls = delta(cloud.redshift.callCounts(), redshiftBefore);
  delete redshiftCalls.CreateNamespace;
  const callDelta = delta(Object.fromEntries(calls), Object.fromEntries(callsBefore));
  const sum = (prefix: string): number =>
    Object.entries(callDelta)
      .filter(([call]) => call.startsWith(prefix))
      .reduce((total, [, count]) => total + count, 0);
  return {
    label: phase.label,
    kind: phase.kind,
    count: phase.count,
    protectedCount: protectedAt.size,
    latenciesMs,
    wallMs: last - (phase.kind === 'backlog' ? drainStarted : started),
    records: invocations.reduce((total, invocation) => total + (invocation.batch?.size ?? 0), 0),
    lambdaInvocations: invocations.length,
    redshiftCalls,
    dynamodbRequests: sum('DynamoDB'),
    sqsRequests: sum('AmazonSQS'),
    outcomes,
  };
}

/** When each namespace got its copy configuration (the service's clock), as far as it did in time. */
async function waitForProtection(
  automation: LocalAutomation,
  names: ReadonlySet<string>,
  timeoutSeconds: number,
): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const protectedAt = new Map<string, number>();
  while (protectedAt.size < names.size && Date.now() < deadline) {
    for (const configuration of automation.cloud.redshift.snapshotCopyConfigurations()) {
      if (names.has(configuration.namespaceName) && !protectedAt.has(configuration.namespaceName)) {
        protectedAt.set(configuration.namespaceName, configuration.createdAt);
      }
    }
    if (protectedAt.size < names.size) await sleep(POLL_MS);
  }
  return protectedAt;
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, count] of Object.entries(after)) {
    const difference = count - (before[name] ?? 0);
    if (difference > 0) result[name] = difference;
  }
  return result;
}
