import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLocalCloud, LOCAL_ACCOUNT_ID } from '../src/local/index.js';
import { compilePolicyFile } from '../src/policyFiles/compilePolicy.js';
import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { functionEnvironment } from './coldStart.js';
import { type PackagedFunction, packagedFunctions } from './packagedFunctions.js';
import { seedNamespaces, splitNames } from './seedNamespaces.js';

const run = promisify(execFile);

export const SWEEP_WORKER_MEMORY_GOAL_MIB = 128;
const REGION = 'us-east-1';
const RESULT_PREFIX = 'BENCH-MEMORY ';

/**
 * Runs in a fresh `node` that does exactly what a Lambda execution environment does for one
 * sweep task: imports the packaged handler (init), then invokes it once with a one-record SQS
 * batch. Peak RSS (getrusage ru_maxrss) covers the whole process, Node itself included, which
 * is what Lambda's "Max Memory Used" reports against the function's memory size; heap is sampled
 * every 5 ms during the invocation.
 */
const PROBE = `
const sample = () => process.memoryUsage();
const start = sample();
const module = await import(process.env.BENCH_HANDLER_URL);
const initialised = sample();
let peakHeapUsed = initialised.heapUsed;
let peakRss = initialised.rss;
const sampler = setInterval(() => {
  const now = sample();
  peakHeapUsed = Math.max(peakHeapUsed, now.heapUsed);
  peakRss = Math.max(peakRss, now.rss);
}, 5);
const now = Date.now();
const record = {
  messageId: 'bench-task', receiptHandle: 'bench-task', body: process.env.BENCH_TASK_BODY,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(now), SenderId: 'bench', ApproximateFirstReceiveTimestamp: String(now) },
  messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:${REGION}:${LOCAL_ACCOUNT_ID}:copy-autopilot-bench-sweep-tasks', awsRegion: '${REGION}',
};
const context = {
  callbackWaitsForEmptyEventLoop: true, functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT_ID}:function:' + process.env.AWS_LAMBDA_FUNCTION_NAME,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, awsRequestId: 'bench', logGroupName: 'bench', logStreamName: 'bench',
  getRemainingTimeInMillis: () => 900000,
};
const invoked = performance.now();
const response = await module[process.env.BENCH_HANDLER_EXPORT]({ Records: [record] }, context);
const invocationMs = performance.now() - invoked;
clearInterval(sampler);
const end = sample();
process.stdout.write('${RESULT_PREFIX}' + JSON.stringify({
  response, invocationMs,
  rssAtStartKiB: Math.round(start.rss / 1024), rssAfterInitKiB: Math.round(initialised.rss / 1024),
  rssAfterInvocationKiB: Math.round(end.rss / 1024), sampledPeakRssKiB: Math.round(peakRss / 1024),
  maxRssKiB: process.resourceUsage().maxRSS,
  heapUsedAfterInitKiB: Math.round(initialised.heapUsed / 1024), peakHeapUsedKiB: Math.round(peakHeapUsed / 1024),
}) + '\\n', () => process.exit(0));
`;

/** What one invocation in its own process measured. */
export interface InvocationMemory {
  readonly response: { batchItemFailures?: unknown[] };
  readonly invocationMs: number;
  readonly rssAtStartKiB: number;
  readonly rssAfterInitKiB: number;
  readonly rssAfterInvocationKiB: number;
  readonly sampledPeakRssKiB: number;
  /** getrusage ru_maxrss: the process's peak resident set, init and invocation together. */
  readonly maxRssKiB: number;
  readonly heapUsedAfterInitKiB: number;
  readonly peakHeapUsedKiB: number;
  /** Log lines the handler wrote (one per non-compliant namespace, plus the target's summary). */
  readonly logLines: number;
  /** What its "sweep target done" line says it swept. */
  readonly namespacesSwept: number;
}

/**
 * Peak memory of one sweep-worker invocation for a target of 2,500 namespaces (250 with
 * --quick): the packaged handler, with its template environment, in a `node` process of its own
 * that runs exactly one invocation against a local cloud in this process.
 */
export const sweepWorkerMemory: Benchmark = {
  name: 'sweepWorkerMemory',
  run: async ({ serviceDir, quick, progress }): Promise<BenchmarkResult> => {
    const count = quick ? 250 : 2_500;
    const fn = (await packagedFunctions(serviceDir)).functions.find((each) => each.name === 'sweepWorker');
    if (fn === undefined) throw new Error('the package has no sweepWorker function');
    const cloud = createLocalCloud({ account: LOCAL_ACCOUNT_ID });
    const { url } = await cloud.listen(0, '127.0.0.1');
    try {
      seedNamespaces(
        cloud,
        [{ account: LOCAL_ACCOUNT_ID, region: REGION }],
        () => splitNames('memory', count, 1)[0] ?? [],
      );
      const environment = await localEnvironment(fn, url);
      progress(`one sweep-worker invocation over ${count} namespaces, as packaged`);
      const deployed = await invokeOnce(fn, environment);
      const tagPolicy = compilePolicyFile(
        join(serviceDir, 'test/fixtures/policies/every-decision-reads-tags.yml'),
        join(fn.taskRoot, '.bench-policies'),
      );
      progress(`the same with a policy whose every decision reads tags`);
      const readingTags = await invokeOnce(fn, {
        ...environment,
        POLICY_FILE: tagPolicy.file,
        // 2,550 calls at the deployed 10 a second would take four minutes. Pacing holds no memory:
        // at 100 calls/s (25 s) the peak was the same as unpaced, 113.9 MiB, on the bench machine.
        SWEEP_RATE_PER_SECOND: '1000000',
      });
      for (const measured of [deployed, readingTags]) {
        if (measured.namespacesSwept !== count)
          throw new Error(`the sweep worker swept ${measured.namespacesSwept} namespaces, not ${count}`);
      }
      return {
        figures: memoryFigures(count, deployed, readingTags),
        details: { namespaces: count, asDeployed: deployed, everyDecisionReadsTags: readingTags },
      };
    } finally {
      await cloud.close();
    }
  },
};

function memoryFigures(count: number, deployed: InvocationMemory, readingTags: InvocationMemory): Figure[] {
  const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
  const process = 'a fresh node running the packaged handler: import, then exactly one invocation';
  return [
    {
      name: `sweep worker peak memory, one invocation (${count}-namespace target)`,
      value: mib(deployed.maxRssKiB),
      unit: 'MiB',
      goal: { comparison: '<=', value: SWEEP_WORKER_MEMORY_GOAL_MIB },
      how: `peak RSS (ru_maxrss) of ${process}, Node included, as Lambda's Max Memory Used counts it; copy-policy.yml, as packaged; ${mib(deployed.rssAfterInitKiB)} MiB after init`,
    },
    {
      name: `sweep worker memory added by the invocation (${count}-namespace target)`,
      value: mib(deployed.maxRssKiB - deployed.rssAfterInitKiB),
      unit: 'MiB',
      how: `peak RSS − RSS after the handler's import; peak heap used ${mib(deployed.peakHeapUsedKiB)} MiB (sampled every 5 ms)`,
    },
    {
      name: `sweep worker peak memory, every decision reads tags (${count}-namespace target)`,
      value: mib(readingTags.maxRssKiB),
      unit: 'MiB',
      goal: { comparison: '<=', value: SWEEP_WORKER_MEMORY_GOAL_MIB },
      how: `same, policy every-decision-reads-tags.yml (one ListTagsForResource per namespace), pacing lifted; peak heap ${mib(readingTags.peakHeapUsedKiB)} MiB`,
    },
  ];
}

/** The function's template environment pointed at the local cloud, with a real task DLQ there. */
async function localEnvironment(fn: PackagedFunction, url: string): Promise<Record<string, string>> {
  const sqs = new SQSClient({
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'copy-autopilot-bench-sweep-tasks-dlq' }),
    );
    return {
      ...functionEnvironment(fn),
      AWS_ENDPOINT_URL: url,
      SWEEP_TASKS_DEAD_LETTER_QUEUE_URL: QueueUrl ?? '',
    };
  } finally {
    sqs.destroy();
  }
}

async function invokeOnce(
  fn: PackagedFunction,
  environment: Readonly<Record<string, string>>,
): Promise<InvocationMemory> {
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', PROBE], {
    env: {
      ...environment,
      BENCH_HANDLER_URL: pathToFileURL(join(fn.taskRoot, fn.handlerModule)).href,
      BENCH_HANDLER_EXPORT: fn.handlerExport,
      BENCH_TASK_BODY: JSON.stringify({ account: LOCAL_ACCOUNT_ID, region: REGION, planId: 'bench-memory' }),
    },
    cwd: fn.taskRoot,
    maxBuffer: 256 * 1024 * 1024,
  });
  const lines = stdout.split('\n');
  const at = stdout.lastIndexOf(RESULT_PREFIX);
  if (at === -1)
    throw new Error(`sweepWorker probe printed no result:\n${stdout.slice(-1000)}\n${stderr.slice(-3000)}`);
  const resultLine = stdout.slice(at + RESULT_PREFIX.length).split('\n')[0] ?? '';
  const result = JSON.parse(resultLine) as Omit<InvocationMemory, 'logLines' | 'namespacesSwept'>;
  if ((result.response.batchItemFailures?.length ?? 0) > 0) {
    throw new Error(
      `sweepWorker failed its task: ${JSON.stringify(result.response)}\n${stdout.slice(-2000)}`,
    );
  }
  const swept = lines
    .filter((line) => line.includes('"sweep target done"'))
    .map((line) => (JSON.parse(line) as { namespaces?: number }).namespaces);
  return {
    ...result,
    namespacesSwept: swept[0] ?? 0,
    logLines: lines.filter((line) => line.startsWith('{')).length,
  };
}
