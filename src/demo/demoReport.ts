import { ListSnapshotCopyConfigurationsCommand } from '@aws-sdk/client-redshift-serverless';
import { peekDeadLetters } from '../aws/deadLetterQueueReader.js';
import type { LocalAutomation } from '../local/index.js';
import { type CallSplit, splitCalls } from './demoCallCounts.js';
import { faultHits, type InjectedFault } from './demoFaults.js';
import { caseKey, type DemoRun, deployedQueue, outcomesOf } from './demoRun.js';
import {
  DEMO_ACCOUNTS,
  DEMO_CASES,
  DEMO_STATUS,
  type DemoAccount,
  type DemoCase,
  HOME_ACCOUNT,
} from './demoScenario.js';
import type { StatusRun } from './demoStatus.js';
import {
  type CaseObservation,
  type CaseVerdict,
  type ObservedConfiguration,
  type Verdict,
  verifyCase,
  verifyStatus,
} from './demoVerdicts.js';

/** A message of the DLQ: the account its event named, the namespace, the attributes the worker gave it. */
export interface DemoDeadLetter {
  readonly account: string;
  readonly namespace: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface DemoReport {
  /** The policy the demo deployed (relative to the service directory). */
  readonly policyFile: string;
  /** Where the central stack runs: the stack's own account, its home region. */
  readonly central: { readonly account: string; readonly region: string };
  /** The accounts the demo stood up and the part each plays. */
  readonly accounts: readonly DemoAccount[];
  readonly verdicts: readonly (CaseVerdict & { story: string; observation: CaseObservation })[];
  /** Every fault the demo injected, where, and how many calls a fault rule answered. */
  readonly faults: readonly (InjectedFault & { readonly hits?: number })[];
  readonly deadLetters: readonly DemoDeadLetter[];
  readonly metrics: Readonly<Record<string, number>>;
  /** Redshift Serverless calls the local cloud answered, per operation (everyone's). */
  readonly redshiftCalls: Readonly<Record<string, number>>;
  /** The same calls, split into the demo's own (creating, deleting, checking), `status`'s and the automation's. */
  readonly calls: readonly CallSplit[];
  readonly filteredFailedCalls: number;
  /** `copy-autopilot status` over the policy's scope at the end, and whether it said what it should. */
  readonly status: StatusRun & Verdict & { readonly expectedExitCode: number; readonly why: string };
  readonly elapsedMs: number;
  readonly ok: boolean;
}

/** What the run gathered besides the local cloud's state. */
export interface RunResults {
  readonly policyFile: string;
  readonly injected: readonly InjectedFault[];
  readonly filteredFailedCalls: number;
  readonly status: StatusRun;
  readonly statusCalls: Readonly<Record<string, number>>;
  readonly started: number;
}

/** Reads the end state (configurations, DLQ, create counts, metrics, calls) and judges every case. */
export async function buildReport(run: DemoRun, results: RunResults): Promise<DemoReport> {
  const { automation } = run;
  const deadLetters = await readDeadLetters(run);
  const verdicts = [];
  for (const demoCase of DEMO_CASES) {
    const observation = await observe(run, demoCase, deadLetters);
    verdicts.push({ ...verifyCase(demoCase, observation), story: demoCase.story, observation });
  }
  const hits = faultHits(automation.cloud, results.injected);
  const redshiftCalls = automation.cloud.redshift.callCounts();
  const status = {
    ...results.status,
    ...verifyStatus(DEMO_STATUS, results.status),
    expectedExitCode: DEMO_STATUS.exitCode,
    why: DEMO_STATUS.why,
  };
  return {
    policyFile: results.policyFile,
    central: { account: HOME_ACCOUNT, region: automation.region },
    accounts: DEMO_ACCOUNTS,
    verdicts,
    faults: results.injected.map((fault) =>
      hits.has(fault.namespace) ? { ...fault, hits: hits.get(fault.namespace) } : fault,
    ),
    deadLetters,
    metrics: metricTotals(automation),
    redshiftCalls,
    calls: splitCalls(redshiftCalls, run.clients.counts, results.statusCalls),
    filteredFailedCalls: results.filteredFailedCalls,
    status,
    elapsedMs: performance.now() - results.started,
    ok: verdicts.every((verdict) => verdict.ok) && status.ok,
  };
}

async function observe(
  run: DemoRun,
  demoCase: DemoCase,
  deadLetters: readonly DemoDeadLetter[],
): Promise<CaseObservation> {
  const mine = outcomesOf(run, demoCase);
  return {
    account: demoCase.account,
    region: demoCase.region,
    namespace: demoCase.namespace,
    configurations: await configurationsOf(run, demoCase),
    creates: createsOf(run.automation, demoCase.namespace),
    deadLetters: deadLetters
      .filter((letter) => letter.namespace === demoCase.namespace && letter.account === demoCase.account)
      .map(({ attributes }) => ({
        reason: attributes.Reason ?? '?',
        errorName: attributes.ErrorName ?? '?',
        message: attributes.ErrorMessage ?? '',
      })),
    outcomes: mine.map((line) => line.outcome),
    attempts: Math.max(0, ...mine.map((line) => line.attempts)),
    timeToProtectionSeconds: mine.find((line) => line.timeToProtectionSeconds !== undefined)
      ?.timeToProtectionSeconds,
    restoredAfterSeconds: run.restores.get(caseKey(demoCase)),
  };
}

/** Copy configurations ever created for the name, in each account the demo stood up. */
function createsOf(automation: LocalAutomation, namespace: string): Record<string, number> {
  return Object.fromEntries(
    DEMO_ACCOUNTS.map(({ account }) => [
      account,
      automation.cloud.redshift.createCounts(account)[namespace] ?? 0,
    ]),
  );
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

/** The namespace's configurations, listed in its own account and region, with the account each ARN names. */
async function configurationsOf({ clients }: DemoRun, demoCase: DemoCase): Promise<ObservedConfiguration[]> {
  const response = await clients
    .redshift(demoCase.account, demoCase.region)
    .send(new ListSnapshotCopyConfigurationsCommand({ namespaceName: demoCase.namespace }));
  return (response.snapshotCopyConfigurations ?? []).map((configuration) => ({
    // arn:<partition>:redshift-serverless:<region>:<account>:snapshotcopyconfiguration/<id>
    account: configuration.snapshotCopyConfigurationArn?.split(':')[4] ?? '?',
    region: configuration.destinationRegion ?? '',
    retentionDays: configuration.snapshotRetentionPeriod ?? -1,
  }));
}

/** The DLQ as `dlq list` reads it: a look, not a consume, so the letters stay for `dlq redrive`. */
async function readDeadLetters({ automation, clients }: DemoRun): Promise<DemoDeadLetter[]> {
  const dlq = deployedQueue(automation, 'RequestsDeadLetterQueue');
  const letters = await peekDeadLetters(clients.sqs, dlq.url, { limit: 100 });
  return letters.map((letter) => ({
    account: accountOfEvent(letter.body),
    namespace: letter.attributes.Namespace ?? '?',
    attributes: letter.attributes,
  }));
}

/**
 * The account a dead letter's event named: a manual request's `detail.account`, else the
 * envelope's `account` (a CloudTrail event keeps its account when forwarded).
 */
function accountOfEvent(body: string): string {
  try {
    const event = JSON.parse(body) as { account?: unknown; detail?: { account?: unknown } } | null;
    const account = event?.detail?.account ?? event?.account;
    return typeof account === 'string' ? account : '?';
  } catch {
    return '?';
  }
}
