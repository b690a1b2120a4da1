import { join } from 'node:path';
import { ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { type EdgeLogEntry, type LocalAutomation, startLocalAutomation } from '../src/local/index.js';
import { loadPolicyFileSync } from '../src/policyFiles/loadPolicyFile.js';
import { CHAOS_POLICY_FILE, type ChaosLayout, memberDeploymentsOf, placeKey } from './chaosLayout.js';
import {
  ChaosCaseKind,
  type ChaosPlan,
  duplicateDeliveries,
  planChaos,
  REJECTION_MESSAGE,
  WORKER_REDSHIFT_OPERATIONS,
} from './chaosPlan.js';
import { ChaosRunError } from './chaosRunError.js';
import { ChaosTraffic } from './chaosTraffic.js';
import { CrashSchedule } from './crashSchedule.js';
import { eventSubject, subjectKey } from './eventNamespace.js';
import { HandDeletions } from './handDeletions.js';
import { OutcomeTally } from './outcomeTally.js';
import { type ChaosVerdict, type ObservedDeadLetter, verifyChaos } from './verifyChaos.js';

export interface ChaosOptions {
  /** The service directory (serverless.yml, the policy file). */
  readonly serviceDir: string;
  /** The organization: managed accounts and regions, and the places outside the scope. */
  readonly layout: ChaosLayout;
  /** Relative to serviceDir; its scope must be the layout's. chaos/organization-policy.yml by default. */
  readonly policyFile?: string;
  readonly namespaces: number;
  readonly seed: number;
  /** Events are spread over this long; busy windows, DynamoDB outages and deletions by hand fall inside it. */
  readonly sendWindowMs: number;
  /** How long to wait, after the last event, for every request to settle. */
  readonly settleTimeoutMs: number;
  /**
   * The requests queue's visibility timeout for this run (serverless.yml says 360 s): how soon
   * a crashed batch reappears.
   */
  readonly visibilityTimeoutSeconds: number;
  /** The worker's timeout for this run: how long a crashed run's in-progress idempotency record blocks. */
  readonly functionTimeoutSeconds: number;
  /** The worker's retry backoff for this run (serverless.yml says 5 s doubling to 900 s). */
  readonly backoff: { readonly baseSeconds: number; readonly maxSeconds: number };
  readonly maxBusySeconds?: number;
  readonly dynamoDbOutageSeconds?: number;
  readonly minCrashes?: number;
  readonly handDeletionRatio?: number;
  readonly minHandDeletions?: number;
  /** Namespaces of every kind at least (the CI run's size would otherwise miss some). */
  readonly minPerKind?: number;
  readonly progress?: (line: string) => void;
}

export interface ChaosFaultCounts {
  readonly internalServerErrors: number;
  readonly throttling: number;
  readonly validationRejections: number;
  readonly dynamoDbErrors: number;
  /** Conflict windows opened on namespaces (MODIFYING), at creation or later. */
  readonly conflictWindows: number;
  /** Calls the worker saw fail with ConflictException (records retried because of them). */
  readonly conflictRetries: number;
}

export interface ChaosReport {
  readonly seed: number;
  readonly layout: ChaosLayout;
  readonly namespaces: Readonly<Record<string, number>>;
  /** First deliveries: one per planned namespace. */
  readonly events: number;
  readonly duplicateEnvelopes: number;
  readonly manualRequests: number;
  readonly faults: ChaosFaultCounts;
  readonly crashes: number;
  readonly plannedCrashes: number;
  /** Records of killed batches the worker handled again (the batch was not lost). */
  readonly crashRedeliveries: number;
  /** Configurations deleted by hand during the run: planned, done, given up on (no configuration to delete in time). */
  readonly handDeletions: { readonly planned: number; readonly deleted: number; readonly notDone: number };
  /** Records retried (a batch item failure), by error name. */
  readonly retries: Readonly<Record<string, number>>;
  /** Worker outcome lines, by outcome. */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Records answered from the idempotency store (the same event seen before). */
  readonly idempotentReplays: number;
  readonly createCalls: number;
  readonly deadLetters: number;
  readonly verdict: ChaosVerdict;
  readonly settled: boolean;
  readonly settings: {
    readonly visibilityTimeoutSeconds: number;
    readonly functionTimeoutSeconds: number;
    readonly backoff: { readonly baseSeconds: number; readonly maxSeconds: number };
  };
  readonly wallMs: number;
}

const CHUNK_SIZE = 25;
/** Copy-configuration writes, counted per caller's account and region at the edge. */
const WRITE_CALLS = new Set([
  'RedshiftServerless.CreateSnapshotCopyConfiguration',
  'RedshiftServerless.UpdateSnapshotCopyConfiguration',
]);

/** The run's moving parts, shared by its phases. */
interface ChaosRun {
  readonly options: ChaosOptions;
  readonly plan: ChaosPlan;
  readonly automation: LocalAutomation;
  readonly tally: OutcomeTally;
  readonly crashes: CrashSchedule;
  readonly writesByPlace: Record<string, number>;
  readonly timers: NodeJS.Timeout[];
  readonly progress: (line: string) => void;
}

/**
 * The chaos run: the real worker on the multi-account local cloud, fed thousands of namespace
 * events from many accounts and regions with duplicates, under Conflict windows, 500s,
 * throttling, a failing DynamoDB, crashes after a Create and deletions by hand, with records of
 * an unmanaged account, a role-less one and a region outside the scope mixed in; then checked
 * against the policy. The promise it tests: every valid namespace ends with exactly one copy
 * configuration matching its policy (a deleted one restored), every invalid or refused one in
 * the DLQ with its reason, nothing lost, nothing created twice, nothing done in a wrong account.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = performance.now();
  const elapsed = () => `[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s]`;
  const progress = (line: string) => options.progress?.(`${elapsed()} ${line}`);
  const plan = planChaos({
    namespaces: options.namespaces,
    seed: options.seed,
    layout: options.layout,
    sendWindowMs: options.sendWindowMs,
    maxBusySeconds: options.maxBusySeconds,
    dynamoDbOutageSeconds: options.dynamoDbOutageSeconds,
    minCrashes: options.minCrashes,
    handDeletionRatio: options.handDeletionRatio,
    minHandDeletions: options.minHandDeletions,
    minPerKind: options.minPerKind,
  });
  const tally = new OutcomeTally();
  const crashes = new CrashSchedule(plan);
  const writesByPlace: Record<string, number> = {};
  let automation: LocalAutomation | undefined;
  automation = await startLocalAutomation({
    serviceDir: options.serviceDir,
    port: 0,
    region: options.layout.home.region,
    params: { policyFile: options.policyFile ?? CHAOS_POLICY_FILE },
    memberAccounts: memberDeploymentsOf(options.layout),
    environmentOverrides: {
      BACKOFF_BASE_SECONDS: String(options.backoff.baseSeconds),
      BACKOFF_MAX_SECONDS: String(options.backoff.maxSeconds),
    },
    functionTimeoutSeconds: options.functionTimeoutSeconds,
    cloudLog: (entry) => countWrite(entry, writesByPlace),
    onLog: (line) => {
      tally.add(line);
      crashes.noteOutcome(line.record.messageId);
    },
    crashAfterBatch: (_functionName, event, response) =>
      automation !== undefined &&
      crashes.shouldCrash(
        event,
        response,
        (account, name) => automation?.cloud.redshift.createCounts(account)[name] ?? 0,
      ),
    onStep: progress,
  });
  const run: ChaosRun = { options, plan, automation, tally, crashes, writesByPlace, timers: [], progress };
  try {
    const queues = await prepareQueues(run);
    const faultIds = addFaults(automation, plan);
    const { deletions, traffic } = await storm(run, queues.requests.url, queues.requests.name);
    const settled = await waitForSettled(
      automation,
      queues.requests.name,
      tally,
      options.settleTimeoutMs,
      progress,
    );
    progress(settled ? 'settled: the requests queue is empty' : 'NOT settled before the timeout');
    return await observe(run, {
      faultIds,
      deletions,
      traffic,
      settled,
      deadLetterQueueUrl: queues.deadLetters.url,
      started,
    });
  } finally {
    for (const timer of run.timers) clearTimeout(timer);
    await automation.close();
  }
}

function countWrite(entry: EdgeLogEntry, writesByPlace: Record<string, number>): void {
  if (!WRITE_CALLS.has(entry.call)) return;
  const place = placeKey(entry.account, entry.region);
  writesByPlace[place] = (writesByPlace[place] ?? 0) + 1;
}

interface QueueRef {
  readonly url: string;
  readonly name: string;
}

/** The requests queue with the run's shorter visibility timeout, and its DLQ. */
async function prepareQueues(run: ChaosRun): Promise<{ requests: QueueRef; deadLetters: QueueRef }> {
  const { automation, options, progress } = run;
  const requests = automation.deployment.queues.RequestsQueue;
  const deadLetters = automation.deployment.queues.RequestsDeadLetterQueue;
  if (requests === undefined || deadLetters === undefined) {
    throw new ChaosRunError('the deployment has no RequestsQueue / RequestsDeadLetterQueue');
  }
  await automation.clients.sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: requests.url,
      Attributes: { VisibilityTimeout: String(options.visibilityTimeoutSeconds) },
    }),
  );
  // A poll already waiting received with the old timeout (SQS itself takes up to a minute to
  // apply an attribute change): let the event source's 1 s long polls turn over first.
  await sleep(1_500);
  const { layout } = options;
  progress(
    `scope: ${layout.managedAccounts.length} managed accounts × ${layout.regions.length} regions ` +
      `(${layout.regions.join(', ')}), member role missing in ${layout.roleMissingAccounts.join(', ')}; ` +
      `outside it: ${layout.unmanagedAccounts.join(', ')} and ${layout.outOfScopeRegions.join(', ')}`,
  );
  progress(
    `chaos settings: requests queue visibility timeout ${options.visibilityTimeoutSeconds} s (serverless.yml: 360 s), ` +
      `worker backoff ${options.backoff.baseSeconds}–${options.backoff.maxSeconds} s and timeout ${options.functionTimeoutSeconds} s ` +
      `(serverless.yml: 5–900 s, 60 s), so retries and crash redeliveries fit in minutes`,
  );
  return { requests, deadLetters };
}

/**
 * Sends the plan's events in chunks over the send window while Conflict windows, DynamoDB
 * outages and deletions by hand happen at their moments; resolves once all of them are over.
 */
async function storm(
  run: ChaosRun,
  requestsUrl: string,
  requestsName: string,
): Promise<{ deletions: HandDeletions; traffic: ChaosTraffic }> {
  const { automation, plan, options, progress } = run;
  const outagesDone = scheduleChaos(automation, plan, run.timers);
  const deletions = new HandDeletions(automation, plan.namespaces);
  // A person gives up on a configuration that never appears a minute after the storm.
  const deleted = deletions.run(options.sendWindowMs + 60_000, run.timers);
  const traffic = new ChaosTraffic(automation, requestsUrl, plan.namespaces);
  await traffic.installTap();
  progress(
    `sending ${plan.namespaces.length} namespace events (+${duplicateDeliveries(plan)} duplicates, ` +
      `${deletions.tally.planned} configurations to delete by hand) over ~${Math.round(options.sendWindowMs / 1000)} s`,
  );
  const chunks = Math.ceil(plan.namespaces.length / CHUNK_SIZE);
  const interval = options.sendWindowMs / Math.max(1, chunks);
  const sendStarted = performance.now();
  for (let index = 0; index < chunks; index += 1) {
    const wait = sendStarted + index * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const chunk = plan.namespaces.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE);
    await traffic.sendFirstEvents(chunk);
    await traffic.sendManualRequests(chunk);
    await traffic.deliverDuplicates();
    if ((index + 1) % Math.max(1, Math.floor(chunks / 10)) === 0 || index === chunks - 1) {
      progress(
        `sent ${Math.min(plan.namespaces.length, (index + 1) * CHUNK_SIZE)}/${plan.namespaces.length}; ` +
          `queue ${automation.cloud.sqs.peek(requestsName).length}, ` +
          `configurations ${automation.cloud.redshift.snapshotCopyConfigurations().length}, ` +
          `crashes ${run.crashes.count}, deleted by hand ${deletions.tally.deleted.size}`,
      );
    }
  }
  await outagesDone;
  await deleted;
  await traffic.deliverDuplicates();
  return { deletions, traffic };
}

/** Reads the end state, checks it and counts what happened. */
async function observe(
  run: ChaosRun,
  end: {
    readonly faultIds: FaultIds;
    readonly deletions: HandDeletions;
    readonly traffic: ChaosTraffic;
    readonly settled: boolean;
    readonly deadLetterQueueUrl: string;
    readonly started: number;
  },
): Promise<ChaosReport> {
  const { automation, plan, options, tally } = run;
  const faults = countFaults(automation, plan, end.faultIds, tally);
  automation.cloud.faults.clear();
  const deadLetters = await readDeadLetters(automation, end.deadLetterQueueUrl);
  const accounts = [
    ...plan.layout.managedAccounts,
    ...plan.layout.roleMissingAccounts,
    ...plan.layout.unmanagedAccounts,
  ];
  const deletions = end.deletions.tally;
  const verdict = verifyChaos(
    plan,
    loadPolicyFileSync(join(options.serviceDir, options.policyFile ?? CHAOS_POLICY_FILE)),
    {
      configurations: automation.cloud.redshift.snapshotCopyConfigurations(),
      createCounts: Object.fromEntries(
        accounts.map((account) => [account, automation.cloud.redshift.createCounts(account)]),
      ),
      writesByPlace: run.writesByPlace,
      outcomesByPlace: tally.outcomesByPlace,
      deadLetters,
      namespaceOfEvent: end.traffic.ledger.namespaceOfEvent,
      skippedLogged: tally.skipped,
      requestsLeft: automation.cloud.sqs.peek(automation.deployment.queues.RequestsQueue?.name ?? '').length,
      deletedByHand: new Set(deletions.deleted.keys()),
    },
  );
  const { ledger } = end.traffic;
  return {
    seed: plan.seed,
    layout: plan.layout,
    namespaces: countKinds(plan),
    events: ledger.firstDeliveries,
    duplicateEnvelopes: ledger.duplicateEnvelopes,
    manualRequests: ledger.manualRequests,
    faults,
    crashes: run.crashes.count,
    plannedCrashes: run.crashes.planned,
    crashRedeliveries: run.crashes.redeliveries,
    handDeletions: {
      planned: deletions.planned,
      deleted: deletions.deleted.size,
      notDone: deletions.notDone.length,
    },
    retries: tally.retries,
    outcomes: tally.outcomes,
    idempotentReplays: tally.replays,
    createCalls: automation.cloud.redshift.callCounts().CreateSnapshotCopyConfiguration ?? 0,
    deadLetters: deadLetters.length,
    verdict,
    settled: end.settled,
    settings: {
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      functionTimeoutSeconds: options.functionTimeoutSeconds,
      backoff: options.backoff,
    },
    wallMs: performance.now() - end.started,
  };
}

interface FaultIds {
  readonly internal: readonly string[];
  readonly throttling: readonly string[];
  readonly validation: readonly string[];
}

/** Standing faults: 500s and throttling on the worker's calls, refusals for `rejected` namespaces. */
function addFaults(automation: LocalAutomation, plan: ChaosPlan): FaultIds {
  const { faults } = automation.cloud;
  const service = 'RedshiftServerless';
  const validation = plan.namespaces
    .filter((namespace) => namespace.kind === ChaosCaseKind.Rejected)
    .map(
      (namespace) =>
        faults.add({
          service,
          operation: 'CreateSnapshotCopyConfiguration',
          matchBody: { namespaceName: namespace.name },
          error: { code: 'ValidationException', message: REJECTION_MESSAGE, statusCode: 400 },
        }).id,
    );
  const probable = (error: 'InternalServerException' | 'ThrottlingException', probability: number) =>
    WORKER_REDSHIFT_OPERATIONS.map((operation) => faults.add({ service, operation, error, probability }).id);
  return {
    internal: probable('InternalServerException', plan.internalErrorProbability),
    throttling: probable('ThrottlingException', plan.throttlingProbability),
    validation,
  };
}

/** Conflict windows and DynamoDB outages at their planned moments; resolves after the last outage. */
function scheduleChaos(
  automation: LocalAutomation,
  plan: ChaosPlan,
  timers: NodeJS.Timeout[],
): Promise<void> {
  for (const window of plan.busyWindows) {
    timers.push(
      setTimeout(() => automation.cloud.redshift.markBusy(window.name, window.seconds), window.atMs),
    );
  }
  return Promise.all(
    plan.dynamoDbOutages.map(
      (outage) =>
        new Promise<void>((resolve) => {
          timers.push(
            setTimeout(() => {
              automation.cloud.faults.add({
                service: 'DynamoDB',
                error: 'InternalServerError',
                seconds: outage.seconds,
              });
              timers.push(setTimeout(resolve, outage.seconds * 1000));
            }, outage.atMs),
          );
        }),
    ),
  ).then(() => undefined);
}

function countFaults(
  automation: LocalAutomation,
  plan: ChaosPlan,
  ids: FaultIds,
  tally: OutcomeTally,
): ChaosFaultCounts {
  const hitsById = new Map(automation.cloud.faults.list().map((rule) => [rule.id, rule.hits]));
  const sum = (list: readonly string[]) => list.reduce((total, id) => total + (hitsById.get(id) ?? 0), 0);
  const dynamoDbErrors = Object.entries(automation.cloud.faults.hits())
    .filter(([operation]) => operation.startsWith('DynamoDB'))
    .reduce((total, [, hits]) => total + hits, 0);
  return {
    internalServerErrors: sum(ids.internal),
    throttling: sum(ids.throttling),
    validationRejections: sum(ids.validation),
    dynamoDbErrors,
    conflictWindows:
      plan.busyWindows.length +
      plan.namespaces.filter((namespace) => namespace.busyAtCreationSeconds !== undefined).length,
    conflictRetries: tally.retries.ConflictException ?? 0,
  };
}

async function waitForSettled(
  automation: LocalAutomation,
  queueName: string,
  tally: OutcomeTally,
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  let lastReport = performance.now();
  let emptyRounds = 0;
  while (performance.now() < deadline) {
    // Events of the last deletions may still be on their way to the queue.
    await automation.cloud.events.drain();
    const depth = automation.cloud.sqs.peek(queueName).length;
    emptyRounds = depth === 0 ? emptyRounds + 1 : 0;
    // Twice empty, a beat apart: a crashed or retried record is on the queue (invisible) meanwhile.
    if (emptyRounds >= 2) return true;
    if (performance.now() - lastReport > 5_000) {
      progress(`settling: ${depth} requests still on the queue (retrying or backing off)`);
      if (depth > 0 && depth <= 3)
        for (const line of describeStragglers(automation, queueName, tally)) progress(`  ${line}`);
      lastReport = performance.now();
    }
    await sleep(250);
  }
  return false;
}

/** The last few requests on the queue: which namespace, how often received, what the worker last said. */
function describeStragglers(automation: LocalAutomation, queueName: string, tally: OutcomeTally): string[] {
  return automation.cloud.sqs.peek(queueName).map((message) => {
    const subject = eventSubject(message.body);
    const key = subjectKey(subject);
    const last = key === undefined ? undefined : tally.last.get(key);
    return `${key ?? '?'} (event ${subject.eventId ?? '?'}): received ${message.receiveCount} times, last outcome ${last ?? 'none'}`;
  });
}

/** Takes every letter off the DLQ (the run is over; nobody else reads it). */
async function readDeadLetters(automation: LocalAutomation, queueUrl: string): Promise<ObservedDeadLetter[]> {
  const letters: ObservedDeadLetter[] = [];
  for (;;) {
    const { Messages = [] } = await automation.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 600,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return letters;
    for (const message of Messages) {
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
        if (value.StringValue !== undefined) attributes[name] = value.StringValue;
      }
      letters.push({ body: message.Body ?? '', attributes });
    }
  }
}

function countKinds(plan: ChaosPlan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const namespace of plan.namespaces) counts[namespace.kind] = (counts[namespace.kind] ?? 0) + 1;
  return counts;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
