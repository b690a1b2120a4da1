import { join } from 'node:path';
import { DisableRuleCommand } from '@aws-sdk/client-eventbridge';
import { LOCAL_ACCOUNT_ID, type LocalAutomation, startLocalAutomation } from '../src/local/index.js';
import { loadPolicyFile } from '../src/policyFiles/loadPolicyFile.js';
import { sweepTarget } from '../src/sweep/sweepTarget.js';
import { retryPackaging } from './retryPackaging.js';
import { type SeedTarget, seedNamespaces, splitNames } from './seedNamespaces.js';
import { peakOverlap } from './stats.js';
import { sweepBeforeFanOut } from './sweepBeforeFanOut.js';

export interface OrganizationSweepSpec {
  readonly serviceDir: string;
  /** Relative to serviceDir: packaged with the functions (its scope is what the planner plans). */
  readonly policyFile: string;
  /** The scope's member accounts; the stack's own (000000000000) comes on top. */
  readonly memberAccounts: readonly string[];
  /** The scope's regions; the first is the stack's home region. */
  readonly regions: readonly string[];
  /** Namespaces in the organization, spread evenly over its targets; as many again in the baseline's target. */
  readonly namespaces: number;
  /** Where the single-region sweeps run: an (account, region) outside the scope, which the fan-out never lists. */
  readonly singleRegion: SeedTarget;
  /** Namespaces read at once by the single-region sweeps (the sweep functions' SWEEP_CONCURRENCY, 4). */
  readonly concurrency: number;
  /** Each sweep is timed this many times, the order reversed every other round. */
  readonly rounds: number;
  /** Gives up on the fan-out after this long. */
  readonly timeoutSeconds: number;
}

/** One timed sweep and the calls the edge counted while it ran (Redshift Serverless and PutEvents). */
export interface TimedSweep {
  readonly wallMs: number;
  readonly assessed: number;
  readonly requested: number;
  readonly calls: Readonly<Record<string, number>>;
}

export interface FanOutSweep extends TimedSweep {
  /** The planner's invocation alone, from the start. */
  readonly plannerMs: number;
  readonly targetsPlanned: number;
  readonly workerInvocations: number;
  /** Sweep-worker invocations that reported a failed task (retried or dead-lettered). */
  readonly failedTasks: number;
  /** The most sweep-worker invocations running at one time. */
  readonly peakConcurrentWorkers: number;
}

export interface OrganizationSweepRound {
  readonly order: readonly string[];
  readonly baseline: TimedSweep;
  readonly fanOut: FanOutSweep;
  readonly singleTarget: TimedSweep;
}

export interface OrganizationSweepResult {
  readonly targets: number;
  readonly namespaces: number;
  /** The sweep worker's settings as serverless.yml deploys them (its environment). */
  readonly sweepWorkerEnvironment: Readonly<Record<string, string>>;
  readonly sweepWorkerConcurrency: number;
  readonly rounds: readonly OrganizationSweepRound[];
}

/** What the local runner records of an invocation (its function, trigger, batch, duration). */
type InvocationRecord = LocalAutomation['runner']['invocations'][number];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The organization sweep beside today's single-region sweep, in one process on one local cloud
 * (runs as a bench child task). The organization's namespaces are spread over (accounts ×
 * regions) targets; the same number, same names, sit in one more (account, region) outside the
 * scope for the single-region sweeps. The namespace-created and copy-requested rules are
 * disabled: the namespaces stay unprotected, so every sweep finds the same work, and the copy
 * worker stays idle instead of competing for this process while a sweep is timed. The sweep
 * ends when its requests are on the bus.
 */
export async function runOrganizationSweep(spec: OrganizationSweepSpec): Promise<OrganizationSweepResult> {
  const calls = new Map<string, number>();
  const finished: { readonly at: number; readonly record: InvocationRecord }[] = [];
  const [home = 'us-east-1'] = spec.regions;
  const automation = await retryPackaging(() =>
    startLocalAutomation({
      serviceDir: spec.serviceDir,
      port: 0,
      region: home,
      params: { policyFile: spec.policyFile },
      memberAccounts: [LOCAL_ACCOUNT_ID, ...spec.memberAccounts].map((account) => ({
        account,
        regions: spec.regions,
      })),
      cloudLog: (entry) => calls.set(entry.call, (calls.get(entry.call) ?? 0) + 1),
      onInvocation: (record) => finished.push({ at: performance.now(), record }),
    }),
  );
  try {
    await disableRules(automation, ['-namespace-created', '-copy-requested']);
    const targets = [LOCAL_ACCOUNT_ID, ...spec.memberAccounts].flatMap((account) =>
      spec.regions.map((region) => ({ account, region })),
    );
    const slices = splitNames('sweep', spec.namespaces, targets.length);
    seedNamespaces(automation.cloud, targets, (_, index) => slices[index] ?? []);
    seedNamespaces(automation.cloud, [spec.singleRegion], () => slices.flat());
    await automation.cloud.events.drain();

    const sweeps = await sweepsOf(automation, spec, {
      finished,
      targets: targets.length,
      count: async (sweep) => {
        calls.clear();
        const result = await sweep();
        return { ...result, calls: sweepCalls(calls) };
      },
    });
    const rounds: OrganizationSweepRound[] = [];
    for (let round = 0; round < spec.rounds; round += 1) {
      const order = ['baseline', 'fanOut', 'singleTarget'] as const;
      const ordered = round % 2 === 0 ? [...order] : [...order].reverse();
      const results: Partial<Record<(typeof order)[number], TimedSweep>> = {};
      for (const name of ordered) {
        results[name] = await sweeps[name]();
        // Let the last events route and the pollers turn over before the next sweep is timed.
        await automation.cloud.events.drain();
        await sleep(1_500);
      }
      rounds.push({ order: ordered, ...(results as Omit<OrganizationSweepRound, 'order'>) });
    }
    const worker = functionNamed(automation, '-sweepWorker');
    const mapping = automation.deployment.eventSourceMappings.find((each) => each.functionName === worker);
    return {
      targets: targets.length,
      namespaces: spec.namespaces,
      sweepWorkerEnvironment: pick(automation.deployment.functions[worker]?.environment ?? {}, 'SWEEP_'),
      sweepWorkerConcurrency: mapping?.maximumConcurrency ?? 0,
      rounds,
    };
  } finally {
    await automation.close();
  }
}

type SweepName = 'baseline' | 'fanOut' | 'singleTarget';

/**
 * The three sweeps the bench times, each counting the calls the edge saw while it ran: today's
 * single-region sweep and the new one-target sweep of the single region (unpaced, called
 * directly), and the organization's scheduled sweep through the deployed functions.
 */
async function sweepsOf(
  automation: LocalAutomation,
  spec: OrganizationSweepSpec,
  run: {
    readonly finished: readonly { readonly at: number; readonly record: InvocationRecord }[];
    readonly targets: number;
    readonly count: <T extends Omit<TimedSweep, 'calls'>>(sweep: () => Promise<T>) => Promise<T & TimedSweep>;
  },
): Promise<Record<SweepName, () => Promise<TimedSweep>>> {
  const policy = await loadPolicyFile(join(spec.serviceDir, spec.policyFile));
  const { region } = spec.singleRegion;
  const client = automation.clientsFor(spec.singleRegion.account, region).redshift;
  const requests = { eventBridge: automation.clients.events, busName: 'default' };
  return {
    baseline: () =>
      run.count(() =>
        timed(() =>
          sweepBeforeFanOut({ client, region, policy, concurrency: spec.concurrency, ...requests }),
        ),
      ),
    singleTarget: () =>
      run.count(() =>
        timed(async () => {
          const inventory = { client, region, concurrency: spec.concurrency };
          const summary = await sweepTarget({ inventory, policy, ...requests });
          return { assessed: summary.assessed, requested: summary.requested.length };
        }),
      ),
    fanOut: () => run.count(() => fanOutSweep(automation, run.finished, run.targets, spec.timeoutSeconds)),
  };
}

/**
 * The scheduled sweep end to end: the planner invoked as the schedule invokes it, its tasks
 * taken up by the sweep workers through the task queue's event source; timed until the last
 * of `expected` sweep-worker invocations returned.
 */
async function fanOutSweep(
  automation: LocalAutomation,
  finished: readonly { readonly at: number; readonly record: InvocationRecord }[],
  expected: number,
  timeoutSeconds: number,
): Promise<Omit<FanOutSweep, 'calls'>> {
  const planner = functionNamed(automation, '-sweepPlanner');
  const worker = functionNamed(automation, '-sweepWorker');
  const logsBefore = automation.runner.logs.length;
  const before = finished.length;
  const workersDone = () => finished.slice(before).filter(({ record }) => record.functionName === worker);
  const started = performance.now();
  const plan = (await automation.runner.invoke(planner, scheduledEvent(automation), 'schedule')) as {
    targets?: number;
  };
  const plannerMs = performance.now() - started;
  const deadline = started + timeoutSeconds * 1000;
  while (workersDone().length < expected && performance.now() < deadline) await sleep(20);
  const done = workersDone();
  if (done.length < expected) {
    throw new Error(`fan-out sweep: ${done.length} of ${expected} sweep workers done in ${timeoutSeconds} s`);
  }
  const ended = Math.max(...done.map(({ at }) => at));
  const targetLines = automation.runner.logs
    .slice(logsBefore)
    .filter((line) => line.message === 'sweep target done');
  const total = (key: string) =>
    targetLines.reduce((sum, line) => sum + (typeof line[key] === 'number' ? (line[key] as number) : 0), 0);
  return {
    wallMs: ended - started,
    plannerMs,
    targetsPlanned: plan.targets ?? 0,
    workerInvocations: done.length,
    failedTasks: done.filter(({ record }) => (record.batch?.failed ?? 0) > 0 || record.error).length,
    peakConcurrentWorkers: peakOverlap(done.map(({ at, record }) => [at - record.durationMs, at] as const)),
    assessed: total('namespaces'),
    requested: total('enqueued'),
  };
}

async function timed<T>(run: () => Promise<T>): Promise<T & { wallMs: number }> {
  const started = performance.now();
  const result = await run();
  return { ...result, wallMs: performance.now() - started };
}

async function disableRules(automation: LocalAutomation, suffixes: readonly string[]): Promise<void> {
  for (const suffix of suffixes) {
    const name = automation.deployment.rules.find((rule) => rule.endsWith(suffix));
    if (name === undefined) throw new Error(`the deployment has no rule ending in ${suffix}`);
    await automation.clients.events.send(new DisableRuleCommand({ Name: name }));
  }
}

function functionNamed(automation: LocalAutomation, suffix: string): string {
  const name = Object.keys(automation.deployment.functions).find((candidate) => candidate.endsWith(suffix));
  if (name === undefined) throw new Error(`the deployment has no function ending in ${suffix}`);
  return name;
}

function scheduledEvent(automation: LocalAutomation): Record<string, unknown> {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    time: new Date().toISOString(),
    region: automation.region,
    resources: [`arn:aws:events:${automation.region}:${LOCAL_ACCOUNT_ID}:rule/bench-sweep`],
    detail: {},
  };
}

/**
 * The Redshift Serverless and EventBridge calls of a count: the runner's SQS polling left out
 * (the edge logs query-protocol calls, STS's AssumeRole among them, only as `query`).
 */
function sweepCalls(calls: ReadonlyMap<string, number>): Record<string, number> {
  const counted = (call: string) => call.startsWith('RedshiftServerless.') || call.startsWith('AWSEvents.');
  return Object.fromEntries([...calls].filter(([call]) => counted(call)));
}

function pick(environment: Readonly<Record<string, unknown>>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment)
      .filter(([name, value]) => name.startsWith(prefix) && typeof value === 'string')
      .map(([name, value]) => [name, value as string]),
  );
}
