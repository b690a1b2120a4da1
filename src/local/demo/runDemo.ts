import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateNamespaceCommand,
  ListSnapshotCopyConfigurationsCommand,
} from '@aws-sdk/client-redshift-serverless';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { peekDeadLetters } from '../../aws/deadLetterQueueReader.js';
import { CopyAutopilotError } from '../../domain/errors.js';
import type { CapturedLine } from '../runner/outputCapture.js';
import { type LocalAutomation, startLocalAutomation } from '../runner/startLocalAutomation.js';
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
  readonly deadLetters: readonly { namespace: string; attributes: Record<string, string> }[];
  readonly metrics: Readonly<Record<string, number>>;
  readonly redshiftCalls: Readonly<Record<string, number>>;
  readonly filteredFailedCalls: number;
  readonly elapsedMs: number;
  readonly ok: boolean;
}

interface OutcomeLine {
  readonly namespace: string;
  readonly outcome: string;
  readonly attempts: number;
}

/**
 * `copy-autopilot local demo`: boots the local cloud, deploys serverless.yml onto it, creates a
 * namespace for every path through the automation, waits for each to settle, and checks the
 * result against what the policy promises.
 */
export async function runDemo(demoOptions: DemoOptions): Promise<DemoReport> {
  const started = performance.now();
  // Every progress line carries the seconds since start: the demo is also a latency story.
  const options: DemoOptions = {
    ...demoOptions,
    progress: (line) =>
      demoOptions.progress(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`),
  };
  const outcomes: OutcomeLine[] = [];
  const onLog = (line: CapturedLine) => {
    const parsed = outcomeLine(line.record);
    if (!parsed) return;
    outcomes.push(parsed);
    options.progress(`  worker: ${parsed.namespace} → ${parsed.outcome} (attempt ${parsed.attempts})`);
  };
  const automation = await startLocalAutomation({
    serviceDir: options.serviceDir,
    port: options.port ?? 0,
    params: options.policyFile ? { policyFile: options.policyFile } : undefined,
    onLog,
    onStep: (step) => options.progress(step),
  });
  try {
    const created = await createNamespaces(automation, options.progress);
    const filteredFailedCalls = await createDuplicateName(automation, options.progress);
    const protectedAt = await waitForSettled(
      automation,
      created,
      outcomes,
      options.timeoutMs ?? 45_000,
      options.progress,
    );
    await sendDuplicates(automation, options.progress);
    // Give the duplicates time to run through the worker before reading the final state.
    await waitUntil(() => outcomes.filter((line) => line.namespace === 'marketing').length >= 3, 10_000);
    return await buildReport(automation, created, protectedAt, outcomes, filteredFailedCalls, started);
  } finally {
    options.progress('stopping the local cloud');
    await automation.close();
    options.progress('stopped');
  }
}

async function createNamespaces(automation: LocalAutomation, progress: (line: string) => void) {
  const created = new Map<string, number>();
  for (const demoCase of DEMO_CASES) {
    if (demoCase.busySeconds) automation.cloud.redshift.markBusy(demoCase.namespace, demoCase.busySeconds);
    if (demoCase.rejectedWith) {
      automation.cloud.faults.add({
        service: 'RedshiftServerless',
        operation: 'CreateSnapshotCopyConfiguration',
        matchBody: { namespaceName: demoCase.namespace },
        error: { code: 'ValidationException', message: demoCase.rejectedWith, statusCode: 400 },
      });
    }
    await automation.clients.redshift.send(
      new CreateNamespaceCommand({
        namespaceName: demoCase.namespace,
        adminUsername: 'admin',
        adminUserPassword: 'Demo-Passw0rd-never-logged',
        tags: Object.entries(demoCase.tags ?? {}).map(([key, value]) => ({ key, value })),
      }),
    );
    created.set(demoCase.namespace, performance.now());
    progress(`created namespace ${demoCase.namespace}: ${demoCase.story}`);
  }
  return created;
}

/** A CreateNamespace that fails (name taken): CloudTrail records it, the rule must not forward it. */
async function createDuplicateName(
  automation: LocalAutomation,
  progress: (line: string) => void,
): Promise<number> {
  try {
    await automation.clients.redshift.send(new CreateNamespaceCommand({ namespaceName: 'prod-sales' }));
    return 0;
  } catch {
    progress(
      'created namespace prod-sales again: failed (ConflictException); the rule filters the failed call',
    );
    return 1;
  }
}

async function waitForSettled(
  automation: LocalAutomation,
  created: ReadonlyMap<string, number>,
  outcomes: readonly OutcomeLine[],
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<Map<string, number>> {
  const protectedAt = new Map<string, number>();
  const pending = new Set(DEMO_CASES.map((demoCase) => demoCase.namespace));
  const deadline = performance.now() + timeoutMs;
  while (pending.size > 0 && performance.now() < deadline) {
    for (const demoCase of DEMO_CASES) {
      if (!pending.has(demoCase.namespace)) continue;
      if (await settled(automation, demoCase, outcomes)) {
        pending.delete(demoCase.namespace);
        if (demoCase.expected === 'protected') {
          const latency = performance.now() - (created.get(demoCase.namespace) ?? 0);
          protectedAt.set(demoCase.namespace, latency);
          progress(`protected ${demoCase.namespace} in ${(latency / 1000).toFixed(1)} s`);
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return protectedAt;
}

async function settled(automation: LocalAutomation, demoCase: DemoCase, outcomes: readonly OutcomeLine[]) {
  const mine = outcomes.filter((line) => line.namespace === demoCase.namespace).map((line) => line.outcome);
  if (demoCase.expected === 'protected')
    return (await configurationsOf(automation, demoCase.namespace)).length > 0;
  if (demoCase.expected === 'dead-lettered') return mine.includes('dead-lettered');
  return mine.includes('skipped');
}

async function sendDuplicates(automation: LocalAutomation, progress: (line: string) => void): Promise<void> {
  for (const demoCase of DEMO_CASES) {
    if (!demoCase.duplicateRequests) continue;
    // One operator request on the bus, then the very same event delivered again straight to the
    // queue, as an at-least-once redelivery would: both must end without a second Create.
    await automation.clients.events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'copy-autopilot',
            DetailType: 'Snapshot Copy Requested',
            Detail: JSON.stringify({ namespaceName: demoCase.namespace }),
          },
        ],
      }),
    );
    const queue = deployedQueue(automation, 'RequestsQueue');
    const event = {
      version: '0',
      id: `demo-duplicate-${demoCase.namespace}`,
      'detail-type': 'Snapshot Copy Requested',
      source: 'copy-autopilot',
      account: '000000000000',
      time: new Date().toISOString(),
      region: automation.region,
      resources: [],
      detail: { namespaceName: demoCase.namespace },
    };
    for (let copy = 1; copy < demoCase.duplicateRequests; copy += 1) {
      await automation.clients.sqs.send(
        new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(event) }),
      );
    }
    progress(
      `requested ${demoCase.namespace} again ${demoCase.duplicateRequests} times (one a duplicate delivery)`,
    );
  }
}

async function buildReport(
  automation: LocalAutomation,
  created: ReadonlyMap<string, number>,
  protectedAt: ReadonlyMap<string, number>,
  outcomes: readonly OutcomeLine[],
  filteredFailedCalls: number,
  started: number,
): Promise<DemoReport> {
  const deadLetters = await readDeadLetters(automation);
  const createCounts = automation.cloud.redshift.createCounts();
  const verdicts = [];
  for (const demoCase of DEMO_CASES) {
    const mine = outcomes.filter((line) => line.namespace === demoCase.namespace);
    const observation: CaseObservation = {
      namespace: demoCase.namespace,
      configurations: await configurationsOf(automation, demoCase.namespace),
      createCount: createCounts[demoCase.namespace] ?? 0,
      deadLetterReasons: deadLetters
        .filter((letter) => letter.namespace === demoCase.namespace)
        .map((letter) => `${letter.attributes.ErrorName}: ${letter.attributes.ErrorMessage}`),
      outcomes: mine.map((line) => line.outcome),
      attempts: Math.max(0, ...mine.map((line) => line.attempts)),
      timeToProtectionMs: created.has(demoCase.namespace) ? protectedAt.get(demoCase.namespace) : undefined,
    };
    verdicts.push({ ...verifyCase(demoCase, observation), story: demoCase.story, observation });
  }
  const metrics: Record<string, number> = {};
  for (const [name, values] of automation.runner.metrics.values) {
    metrics[name] = name.startsWith('TimeToProtection')
      ? Math.max(...values)
      : values.reduce((sum, value) => sum + value, 0);
  }
  return {
    verdicts,
    deadLetters,
    metrics,
    redshiftCalls: automation.cloud.redshift.callCounts(),
    filteredFailedCalls,
    elapsedMs: performance.now() - started,
    ok: verdicts.every((verdict) => verdict.ok),
  };
}

async function configurationsOf(automation: LocalAutomation, namespaceName: string) {
  const response = await automation.clients.redshift.send(
    new ListSnapshotCopyConfigurationsCommand({ namespaceName }),
  );
  return (response.snapshotCopyConfigurations ?? []).map((configuration) => ({
    region: configuration.destinationRegion ?? '',
    retentionDays: configuration.snapshotRetentionPeriod ?? -1,
  }));
}

/** The DLQ as `dlq list` reads it: a look, not a consume, so the letters stay for `dlq redrive`. */
async function readDeadLetters(automation: LocalAutomation) {
  const dlq = deployedQueue(automation, 'RequestsDeadLetterQueue');
  const letters = await peekDeadLetters(automation.clients.sqs, dlq.url, { limit: 100 });
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

function outcomeLine(record: Record<string, unknown>): OutcomeLine | undefined {
  if (typeof record.outcome !== 'string' || typeof record.namespace !== 'string') return undefined;
  return { namespace: record.namespace, outcome: record.outcome, attempts: Number(record.attempts ?? 1) };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
}
