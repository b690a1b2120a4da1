import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateNamespaceCommand,
  ListSnapshotCopyConfigurationsCommand,
  type RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { peekDeadLetters } from '../aws/deadLetterQueueReader.js';
import { CopyAutopilotError } from '../domain/errors.js';
import {
  type CapturedLine,
  createLocalClients,
  type LocalAutomation,
  startLocalAutomation,
} from '../local/index.js';
import { type CallSplit, createCallCounter, splitCalls } from './demoCallCounts.js';
import { faultHits, type InjectedFault, injectFault } from './demoFaults.js';
import {
  type CaseObservation,
  type CaseVerdict,
  DEMO_CASES,
  type DemoCase,
  verifyCase,
} from './demoScenario.js';

export interface DemoOptions {
  readonly serviceDir: string;
  readonly policyFile?: string;
  readonly port?: number;
  /** How long to wait for every case to settle. */
  readonly timeoutMs?: number;
  readonly progress: (line: string) => void;
}

export interface DemoReport {
  readonly verdicts: readonly (CaseVerdict & { story: string; observation: CaseObservation })[];
  /** Every fault the demo injected, where, and how many calls a fault rule answered. */
  readonly faults: readonly (InjectedFault & { readonly hits?: number })[];
  readonly deadLetters: readonly { namespace: string; attributes: Record<string, string> }[];
  readonly metrics: Readonly<Record<string, number>>;
  /** Redshift Serverless calls the local cloud answered, per operation (everyone's). */
  readonly redshiftCalls: Readonly<Record<string, number>>;
  /** The same calls, split into the demo's own (creating, checking) and the automation's. */
  readonly calls: readonly CallSplit[];
  readonly filteredFailedCalls: number;
  readonly elapsedMs: number;
  readonly ok: boolean;
}

/** A final or retried outcome the copy worker logged. */
interface OutcomeLine {
  readonly namespace: string;
  readonly outcome: string;
  readonly attempts: number;
  readonly timeToProtectionSeconds?: number;
}

/** The demo's own clients (not the runner's), counted, so its calls can be told from the automation's. */
interface DemoClients {
  readonly redshift: RedshiftServerlessClient;
  readonly events: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly counts: ReadonlyMap<string, number>;
  destroy(): void;
}

/** What every step of a run shares. */
interface DemoRun {
  readonly automation: LocalAutomation;
  readonly clients: DemoClients;
  readonly outcomes: OutcomeLine[];
  readonly progress: (line: string) => void;
}

/**
 * `copy-autopilot local demo`: boots the local cloud, deploys serverless.yml onto it, creates a
 * namespace for every path through the automation (injecting the fault a path needs), waits for
 * each to settle, and checks the result against what the policy promises.
 */
export async function runDemo(demoOptions: DemoOptions): Promise<DemoReport> {
  const started = performance.now();
  // Every progress line carries the seconds since start: the demo is also a latency story.
  const progress = (line: string) =>
    demoOptions.progress(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
  const outcomes: OutcomeLine[] = [];
  const automation = await startLocalAutomation({
    serviceDir: demoOptions.serviceDir,
    port: demoOptions.port ?? 0,
    params: demoOptions.policyFile ? { policyFile: demoOptions.policyFile } : undefined,
    onLog: (line) => recordOutcome(line, outcomes, progress),
    onStep: progress,
  });
  const clients = demoClients(automation);
  const run: DemoRun = { automation, clients, outcomes, progress };
  try {
    const faults = await createNamespaces(run);
    const filteredFailedCalls = await createDuplicateName(run);
    const deadline = performance.now() + (demoOptions.timeoutMs ?? 45_000);
    await Promise.all(DEMO_CASES.map((demoCase) => settleAndFollowUp(run, demoCase, deadline)));
    return await buildReport(run, faults, filteredFailedCalls, started);
  } finally {
    progress('stopping the local cloud');
    clients.destroy();
    await automation.close();
    progress('stopped');
  }
}

function demoClients(automation: LocalAutomation): DemoClients {
  const clients = createLocalClients(automation.url, automation.region);
  const counter = createCallCounter();
  for (const client of [clients.redshift, clients.events, clients.sqs]) counter.watch(client);
  return {
    redshift: clients.redshift,
    events: clients.events,
    sqs: clients.sqs,
    counts: counter.counts,
    destroy: () => {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

function recordOutcome(line: CapturedLine, outcomes: OutcomeLine[], progress: (line: string) => void): void {
  const parsed = outcomeLine(line.record);
  if (!parsed) return;
  outcomes.push(parsed);
  progress(`  worker: ${parsed.namespace} → ${parsed.outcome} (attempt ${parsed.attempts})`);
}

async function createNamespaces({ automation, clients, progress }: DemoRun): Promise<InjectedFault[]> {
  const injected: InjectedFault[] = [];
  for (const demoCase of DEMO_CASES) {
    const fault = injectFault(automation.cloud, demoCase);
    if (fault !== undefined) {
      injected.push(fault);
      progress(`injected for ${fault.namespace}: ${fault.fault} (in the ${fault.where})`);
    }
    await clients.redshift.send(
      new CreateNamespaceCommand({
        namespaceName: demoCase.namespace,
        adminUsername: 'admin',
        adminUserPassword: 'Demo-Passw0rd-never-logged',
        tags: Object.entries(demoCase.tags ?? {}).map(([key, value]) => ({ key, value })),
      }),
    );
    progress(`created namespace ${demoCase.namespace}: ${demoCase.story}`);
  }
  return injected;
}

/** A CreateNamespace that fails (name taken): CloudTrail records it, the rule must not forward it. */
async function createDuplicateName({ clients, progress }: DemoRun): Promise<number> {
  const [first] = DEMO_CASES;
  if (first === undefined) return 0;
  try {
    await clients.redshift.send(new CreateNamespaceCommand({ namespaceName: first.namespace }));
    return 0;
  } catch {
    progress(
      `created namespace ${first.namespace} again: failed (ConflictException); the rule filters the failed call`,
    );
    return 1;
  }
}

/**
 * Waits for the worker's final outcome for the case (anything but a retry), then runs its
 * follow-up (duplicate deliveries) at once, while other cases are still settling.
 */
async function settleAndFollowUp(run: DemoRun, demoCase: DemoCase, deadline: number): Promise<void> {
  const mine = () => run.outcomes.filter((line) => line.namespace === demoCase.namespace);
  const final = await waitFor(() => mine().find((line) => line.outcome !== 'retry'), deadline);
  if (final === undefined) return;
  const ttp = final.timeToProtectionSeconds;
  run.progress(
    `${demoCase.namespace} settled: ${final.outcome}${ttp === undefined ? '' : ` (TimeToProtection ${ttp.toFixed(2)} s)`}`,
  );
  if (!demoCase.duplicateRequests) return;
  const before = mine().length;
  await sendDuplicates(run, demoCase, demoCase.duplicateRequests);
  await waitFor(() => mine().length >= before + (demoCase.duplicateRequests ?? 0) || undefined, deadline);
}

/**
 * One operator request on the bus, then the very same event delivered again straight to the
 * queue, as an at-least-once redelivery would: both must end without a second Create.
 */
async function sendDuplicates(run: DemoRun, demoCase: DemoCase, times: number): Promise<void> {
  const { automation, clients } = run;
  const detail = { namespaceName: demoCase.namespace };
  const source = 'copy-autopilot';
  const detailType = 'Snapshot Copy Requested';
  await clients.events.send(
    new PutEventsCommand({
      Entries: [{ Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }],
    }),
  );
  const queue = deployedQueue(automation, 'RequestsQueue');
  const event = {
    version: '0',
    id: `demo-duplicate-${demoCase.namespace}`,
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: automation.region,
    resources: [],
    detail,
  };
  for (let copy = 1; copy < times; copy += 1) {
    await clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(event) }),
    );
  }
  run.progress(`requested ${demoCase.namespace} again ${times} times (one a duplicate delivery)`);
}

async function buildReport(
  run: DemoRun,
  injected: readonly InjectedFault[],
  filteredFailedCalls: number,
  started: number,
): Promise<DemoReport> {
  const { automation, outcomes } = run;
  const deadLetters = await readDeadLetters(run);
  const createCounts = automation.cloud.redshift.createCounts();
  const verdicts = [];
  for (const demoCase of DEMO_CASES) {
    const mine = outcomes.filter((line) => line.namespace === demoCase.namespace);
    const observation: CaseObservation = {
      namespace: demoCase.namespace,
      configurations: await configurationsOf(run, demoCase.namespace),
      createCount: createCounts[demoCase.namespace] ?? 0,
      deadLetterReasons: deadLetters
        .filter((letter) => letter.namespace === demoCase.namespace)
        .map((letter) => `${letter.attributes.ErrorName}: ${letter.attributes.ErrorMessage}`),
      outcomes: mine.map((line) => line.outcome),
      attempts: Math.max(0, ...mine.map((line) => line.attempts)),
      timeToProtectionSeconds: mine.find((line) => line.timeToProtectionSeconds !== undefined)
        ?.timeToProtectionSeconds,
    };
    verdicts.push({ ...verifyCase(demoCase, observation), story: demoCase.story, observation });
  }
  const hits = faultHits(automation.cloud, injected);
  const redshiftCalls = automation.cloud.redshift.callCounts();
  return {
    verdicts,
    faults: injected.map((fault) =>
      hits.has(fault.namespace) ? { ...fault, hits: hits.get(fault.namespace) } : fault,
    ),
    deadLetters,
    metrics: metricTotals(automation),
    redshiftCalls,
    calls: splitCalls(redshiftCalls, run.clients.counts),
    filteredFailedCalls,
    elapsedMs: performance.now() - started,
    ok: verdicts.every((verdict) => verdict.ok),
  };
}

/** Metrics as CloudWatch would aggregate them: sums, except TimeToProtection's maximum. */
function metricTotals(automation: LocalAutomation): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [name, values] of automation.runner.metrics.values) {
    metrics[name] = name.startsWith('TimeToProtection')
      ? Math.max(...values)
      : values.reduce((sum, value) => sum + value, 0);
  }
  return metrics;
}

async function configurationsOf({ clients }: DemoRun, namespaceName: string) {
  const response = await clients.redshift.send(new ListSnapshotCopyConfigurationsCommand({ namespaceName }));
  return (response.snapshotCopyConfigurations ?? []).map((configuration) => ({
    region: configuration.destinationRegion ?? '',
    retentionDays: configuration.snapshotRetentionPeriod ?? -1,
  }));
}

/** The DLQ as `dlq list` reads it: a look, not a consume, so the letters stay for `dlq redrive`. */
async function readDeadLetters({ automation, clients }: DemoRun) {
  const dlq = deployedQueue(automation, 'RequestsDeadLetterQueue');
  const letters = await peekDeadLetters(clients.sqs, dlq.url, { limit: 100 });
  return letters.map((letter) => ({
    namespace: letter.attributes.Namespace ?? '?',
    attributes: letter.attributes,
  }));
}

/** A queue of serverless.yml by its logical id; the demo cannot run without it. */
function deployedQueue(automation: LocalAutomation, logicalId: string) {
  const queue = automation.deployment.queues[logicalId];
  if (!queue) throw new CopyAutopilotError(`serverless.yml declares no ${logicalId}: the demo needs it`);
  return queue;
}

/**
 * The worker's outcome line. For a first protection it carries the event's time
 * (`requestedAt`) and the log line its own (`timestamp`): their difference is the
 * TimeToProtection the worker put in its metric for this namespace.
 */
function outcomeLine(record: Record<string, unknown>): OutcomeLine | undefined {
  if (typeof record.outcome !== 'string' || typeof record.namespace !== 'string') return undefined;
  const line = {
    namespace: record.namespace,
    outcome: record.outcome,
    attempts: Number(record.attempts ?? 1),
  };
  if (record.outcome !== 'protected' || record.duplicate === true) return line;
  const seconds = (Date.parse(String(record.timestamp)) - Date.parse(String(record.requestedAt))) / 1000;
  return Number.isFinite(seconds) ? { ...line, timeToProtectionSeconds: Math.max(0, seconds) } : line;
}

/** Polls `found` every 100 ms until it gives a value or the deadline passes. */
async function waitFor<T>(found: () => T | undefined, deadline: number): Promise<T | undefined> {
  for (;;) {
    const value = found();
    if (value !== undefined || performance.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
