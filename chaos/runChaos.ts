import { join } from 'node:path';
import { ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { CapturedLine } from '../src/local/runner/outputCapture.js';
import { type LocalAutomation, startLocalAutomation } from '../src/local/runner/startLocalAutomation.js';
import { LOCAL_ACCOUNT_ID } from '../src/local/services/contracts.js';
import { loadPolicyFileSync } from '../src/policy/loadPolicyFile.js';
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
import { eventSubject } from './eventNamespace.js';
import { type ChaosVerdict, type ObservedDeadLetter, verifyChaos } from './verifyChaos.js';

export interface ChaosOptions {
  /** The service directory (serverless.yml, copy-policy.yml). */
  readonly serviceDir: string;
  readonly namespaces: number;
  readonly seed: number;
  /** Events are spread over this long; busy windows and DynamoDB outages fall inside it. */
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

/**
 * The chaos run: the real worker on the local cloud, fed thousands of namespace events with
 * duplicates, under Conflict windows, 500s, throttling, a failing DynamoDB and crashes after a
 * Create, then checked against the policy. The promise it tests: every valid namespace ends
 * with exactly one copy configuration matching its policy, every invalid one in the DLQ with
 * its reason, nothing lost, nothing created twice.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = performance.now();
  const elapsed = () => `[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s]`;
  const progress = (line: string) => options.progress?.(`${elapsed()} ${line}`);
  const plan = planChaos({
    namespaces: options.namespaces,
    seed: options.seed,
    sendWindowMs: options.sendWindowMs,
    ...(options.maxBusySeconds === undefined ? {} : { maxBusySeconds: options.maxBusySeconds }),
    ...(options.dynamoDbOutageSeconds === undefined
      ? {}
      : { dynamoDbOutageSeconds: options.dynamoDbOutageSeconds }),
    ...(options.minCrashes === undefined ? {} : { minCrashes: options.minCrashes }),
  });
  const policy = loadPolicyFileSync(join(options.serviceDir, 'copy-policy.yml'));
  const tally = new OutcomeTally();
  const crashes = new CrashSchedule(plan);

  let automation: LocalAutomation | undefined;
  automation = await startLocalAutomation({
    serviceDir: options.serviceDir,
    port: 0,
    environmentOverrides: {
      BACKOFF_BASE_SECONDS: String(options.backoff.baseSeconds),
      BACKOFF_MAX_SECONDS: String(options.backoff.maxSeconds),
    },
    functionTimeoutSeconds: options.functionTimeoutSeconds,
    onLog: (line) => {
      tally.add(line);
      crashes.noteOutcome(line.record.messageId);
    },
    crashAfterBatch: (_functionName, event, response) =>
      automation !== undefined &&
      crashes.shouldCrash(event, response, automation.cloud.redshift.createCounts()),
    onStep: progress,
  });
  const timers: NodeJS.Timeout[] = [];
  try {
    const requests = automation.deployment.queues.RequestsQueue;
    const deadLetterQueue = automation.deployment.queues.RequestsDeadLetterQueue;
    if (requests === undefined || deadLetterQueue === undefined) {
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
    progress(
      `chaos settings: requests queue visibility timeout ${options.visibilityTimeoutSeconds} s (serverless.yml: 360 s), ` +
        `worker backoff ${options.backoff.baseSeconds}–${options.backoff.maxSeconds} s and timeout ${options.functionTimeoutSeconds} s ` +
        `(serverless.yml: 5–900 s, 60 s), so retries and crash redeliveries fit in minutes`,
    );
    const faultIds = addFaults(automation, plan);
    const outagesDone = scheduleChaos(automation, plan, timers);
    const traffic = new ChaosTraffic(automation, requests.url, plan.namespaces);
    await traffic.installTap();

    progress(
      `sending ${plan.namespaces.length} namespace events (+${duplicateDeliveries(plan)} duplicates) over ~${Math.round(options.sendWindowMs / 1000)} s`,
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
            `queue ${automation.cloud.sqs.peek(requests.name).length}, ` +
            `configurations ${automation.cloud.redshift.snapshotCopyConfigurations().length}, crashes ${crashes.count}`,
        );
      }
    }
    await outagesDone;
    await traffic.deliverDuplicates();

    const settled = await waitForSettled(automation, requests.name, tally, options.settleTimeoutMs, progress);
    progress(settled ? 'settled: the requests queue is empty' : 'NOT settled before the timeout');
    const faults = countFaults(automation, plan, faultIds, tally);
    automation.cloud.faults.clear();
    const deadLetters = await readDeadLetters(automation, deadLetterQueue.url);
    const verdict = verifyChaos(plan, policy, {
      account: LOCAL_ACCOUNT_ID,
      region: automation.region,
      configurations: automation.cloud.redshift.snapshotCopyConfigurations(),
      createCounts: automation.cloud.redshift.createCounts(),
      deadLetters,
      namespaceOfEvent: traffic.ledger.namespaceOfEvent,
      skippedLogged: tally.skipped,
      requestsLeft: automation.cloud.sqs.peek(requests.name).length,
    });
    return {
      seed: plan.seed,
      namespaces: countKinds(plan),
      events: traffic.ledger.firstDeliveries,
      duplicateEnvelopes: traffic.ledger.duplicateEnvelopes,
      manualRequests: traffic.ledger.manualRequests,
      faults,
      crashes: crashes.count,
      plannedCrashes: crashes.planned,
      crashRedeliveries: crashes.redeliveries,
      retries: tally.retries,
      outcomes: tally.outcomes,
      idempotentReplays: tally.replays,
      createCalls: automation.cloud.redshift.callCounts().CreateSnapshotCopyConfiguration ?? 0,
      deadLetters: deadLetters.length,
      verdict,
      settled,
      settings: {
        visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
        functionTimeoutSeconds: options.functionTimeoutSeconds,
        backoff: options.backoff,
      },
      wallMs: performance.now() - started,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await automation.close();
  }
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
  const internal = WORKER_REDSHIFT_OPERATIONS.map(
    (operation) =>
      faults.add({
        service,
        operation,
        error: 'InternalServerException',
        probability: plan.internalErrorProbability,
      }).id,
  );
  const throttling = WORKER_REDSHIFT_OPERATIONS.map(
    (operation) =>
      faults.add({
        service,
        operation,
        error: 'ThrottlingException',
        probability: plan.throttlingProbability,
      }).id,
  );
  return { internal, throttling, validation };
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
    const { eventId, namespaceName } = eventSubject(message.body);
    const last = namespaceName === undefined ? undefined : tally.last.get(namespaceName);
    return `${namespaceName ?? '?'} (event ${eventId ?? '?'}): received ${message.receiveCount} times, last outcome ${last ?? 'none'}`;
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

/**
 * Decides which batches die: the first one that carries a crash-planned namespace after its
 * copy configuration exists (created by this batch or before), once per namespace.
 */
class CrashSchedule {
  readonly #pending: Set<string>;
  readonly planned: number;
  /** Messages of killed batches, until the worker handles them again. */
  readonly #unacknowledged = new Set<string>();
  count = 0;
  redeliveries = 0;

  public constructor(plan: ChaosPlan) {
    this.#pending = new Set(
      plan.namespaces.filter((namespace) => namespace.crash).map((namespace) => namespace.name),
    );
    this.planned = this.#pending.size;
  }

  public shouldCrash(
    event: SQSEvent,
    response: SQSBatchResponse | undefined,
    createCounts: Readonly<Record<string, number>>,
  ): boolean {
    if (this.#pending.size === 0) return false;
    const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    for (const record of event.Records) {
      if (failed.has(record.messageId)) continue;
      const { namespaceName } = eventSubject(record.body);
      if (namespaceName === undefined || !this.#pending.has(namespaceName)) continue;
      if ((createCounts[namespaceName] ?? 0) === 0) continue;
      this.#pending.delete(namespaceName);
      this.count += 1;
      for (const killed of event.Records) this.#unacknowledged.add(killed.messageId);
      return true;
    }
    return false;
  }

  /** An outcome line: its record was delivered again if it belonged to a killed batch. */
  public noteOutcome(messageId: unknown): void {
    if (typeof messageId === 'string' && this.#unacknowledged.delete(messageId)) this.redeliveries += 1;
  }
}

/** The worker's outcome lines, counted as they are written. */

class OutcomeTally {
  readonly outcomes: Record<string, number> = {};
  readonly retries: Record<string, number> = {};
  readonly skipped = new Set<string>();
  /** The latest outcome per namespace, with its error when retried (straggler reports). */
  readonly last = new Map<string, string>();
  replays = 0;

  public add(line: CapturedLine): void {
    const { outcome, namespace, errorName, duplicate } = line.record as Record<string, unknown>;
    if (typeof outcome !== 'string') return;
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    if (outcome === 'retry' && typeof errorName === 'string') {
      this.retries[errorName] = (this.retries[errorName] ?? 0) + 1;
    }
    if (outcome === 'skipped' && typeof namespace === 'string') this.skipped.add(namespace);
    if (typeof namespace === 'string') {
      this.last.set(namespace, typeof errorName === 'string' ? `${outcome} (${errorName})` : outcome);
    }
    if (duplicate === true) this.replays += 1;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
