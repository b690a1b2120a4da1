import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LocalCloudError } from '../errors.js';
import { LOCAL_ACCOUNT_ID } from '../services/contracts.js';
import type { LocalDeployment, LocalFunction } from './cloudFormation/types.js';
import { addEmfRecord, createMetricTotals, type MetricTotals } from './emfMetrics.js';
import { createLambdaContext } from './lambdaContext.js';
import { type CapturedLine, captureJsonOutput } from './outputCapture.js';
import { scheduledEvent } from './scheduledEvent.js';
import { parseRate } from './scheduleExpression.js';
import { type BatchReport, SqsEventSource } from './sqsEventSource.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * One execution environment: a fresh instance of the handler module. Lambda never runs two
 * invocations in one environment at once, and handlers rely on that (module-level metrics
 * buffers, batch processors, logger keys), so concurrent invocations get separate instances.
 */
interface ExecutionEnvironment {
  readonly handler: Handler;
  busy: boolean;
  /** Killed (a simulated crash): never reused. */
  dead?: boolean;
}

interface FunctionPool {
  readonly environments: ExecutionEnvironment[];
  readonly waiting: (() => void)[];
  loading: number;
  /** Environments ever started: numbers each module instance (a killed one's is never reused). */
  started: number;
}

export class HandlerLoadError extends LocalCloudError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HandlerLoadError';
  }
}

export interface InvocationRecord {
  readonly functionName: string;
  readonly trigger: 'sqs' | 'schedule' | 'direct';
  readonly batch?: BatchReport;
  readonly durationMs: number;
  readonly error?: string;
}

export interface LambdaRunnerOptions {
  readonly deployment: LocalDeployment;
  readonly serviceDir: string;
  readonly sqs: SQSClient;
  readonly region: string;
  /** Variables every function sees, the way the Lambda runtime sets them (endpoint, region, credentials). */
  readonly runtimeEnvironment: Readonly<Record<string, string>>;
  /** Called for every structured log line a function writes (EMF lines included). */
  readonly onLog?: (line: CapturedLine) => void;
  readonly onInvocation?: (record: InvocationRecord) => void;
  /** Shows functions' JSON output on the terminal as well. */
  readonly echoLogs?: boolean;
  /**
   * Variables that win over the functions' own (a test's policy file, a benchmark's fixed
   * backoff); what serverless.yml says is otherwise what runs.
   */
  readonly environmentOverrides?: Readonly<Record<string, string>>;
  /** Runs `rate(...)` schedules this many times faster (demos and tests); 1 = real time. */
  readonly scheduleSpeedup?: number;
  /**
   * Every function's timeout, instead of the template's (chaos runs and tests): the Lambda
   * context's deadline, hence how long an in-progress idempotency record blocks a retry.
   */
  readonly functionTimeoutSeconds?: number;
  /**
   * Chaos runs: asked after each SQS batch a function handled. `true` kills the execution
   * environment before Lambda receives the response, as a crashed runtime would: the response
   * is lost, the event source deletes nothing (the batch reappears after its visibility
   * timeout) and the environment is discarded (the next invocation starts cold).
   */
  readonly crashAfterBatch?: (
    functionName: string,
    event: SQSEvent,
    response: SQSBatchResponse | undefined,
  ) => boolean;
}

/** The runtime "died" after the handler returned and before its response reached Lambda. */
export class SimulatedCrashError extends LocalCloudError {
  public readonly functionName: string;

  public constructor(functionName: string) {
    super(`${functionName}: execution environment killed before the response was returned (simulated crash)`);
    this.name = 'SimulatedCrashError';
    this.functionName = functionName;
  }
}

/**
 * Runs the functions of a local deployment in this process: their SQS event source mappings
 * and their schedules, with the environment serverless.yml gave them. Logs and EMF metrics
 * they write to stdout are captured, as CloudWatch Logs would.
 */
export class LambdaRunner {
  static #runners = 0;
  readonly #id = ++LambdaRunner.#runners;
  readonly #options: LambdaRunnerOptions;
  readonly #pools = new Map<string, FunctionPool>();
  readonly #sources: SqsEventSource[] = [];
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #invocations: InvocationRecord[] = [];
  readonly metrics: MetricTotals = createMetricTotals();
  readonly logs: Record<string, unknown>[] = [];
  #releaseOutput?: () => void;

  public constructor(options: LambdaRunnerOptions) {
    this.#options = options;
  }

  public get invocations(): readonly InvocationRecord[] {
    return this.#invocations;
  }

  /** Starts event source mappings and schedules. Handlers load on first use. */
  public start(): void {
    this.#releaseOutput = captureJsonOutput((line) => {
      if (!addEmfRecord(this.metrics, line.record)) this.logs.push(line.record);
      this.#options.onLog?.(line);
    }, this.#options.echoLogs);
    for (const mapping of this.#options.deployment.eventSourceMappings) {
      const source = new SqsEventSource({
        sqs: this.#options.sqs,
        mapping,
        region: this.#options.region,
        invoke: (event) => this.#invokeBatch(mapping.functionName, event),
      });
      this.#sources.push(source);
      source.start();
    }
    const speedup = this.#options.scheduleSpeedup ?? 1;
    for (const schedule of this.#options.deployment.schedules) {
      const periodMs = parseRate(schedule.expression);
      if (periodMs === undefined) continue; // cron expressions run only on `invoke`
      const event = schedule.input
        ? JSON.parse(schedule.input)
        : scheduledEvent({
            ruleName: schedule.ruleName,
            region: this.#options.region,
            account: this.#options.runtimeEnvironment.AWS_ACCOUNT_ID ?? LOCAL_ACCOUNT_ID,
          });
      const timer = setInterval(
        () => {
          void this.invoke(schedule.functionName, event, 'schedule').catch(() => undefined);
        },
        Math.max(50, periodMs / speedup),
      );
      this.#timers.push(timer);
    }
  }

  public async stop(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    await Promise.all(this.#sources.splice(0).map((source) => source.stop()));
    this.#releaseOutput?.();
    this.#releaseOutput = undefined;
  }

  /** Invokes a function once with an event of the caller's choosing (`invoke local`). */
  public async invoke(
    functionName: string,
    event: unknown,
    trigger: InvocationRecord['trigger'] = 'direct',
  ): Promise<unknown> {
    const fn = this.#function(functionName);
    const environment = await this.#acquire(fn);
    const started = performance.now();
    try {
      const result = await environment.handler(event, createLambdaContext(fn));
      this.#record({ functionName, trigger, durationMs: performance.now() - started });
      return result;
    } catch (error) {
      this.#record({ functionName, trigger, durationMs: performance.now() - started, error: String(error) });
      throw error;
    } finally {
      this.#release(fn, environment);
    }
  }

  async #invokeBatch(functionName: string, event: SQSEvent): Promise<SQSBatchResponse | undefined> {
    const fn = this.#function(functionName);
    const environment = await this.#acquire(fn);
    const started = performance.now();
    try {
      const response = (await environment.handler(event, createLambdaContext(fn))) as
        | SQSBatchResponse
        | undefined;
      if (this.#options.crashAfterBatch?.(functionName, event, response)) {
        environment.dead = true;
        throw new SimulatedCrashError(functionName);
      }
      this.#record({
        functionName,
        trigger: 'sqs',
        durationMs: performance.now() - started,
        batch: { size: event.Records.length, failed: response?.batchItemFailures?.length ?? 0 },
      });
      return response;
    } catch (error) {
      this.#record({
        functionName,
        trigger: 'sqs',
        durationMs: performance.now() - started,
        batch: { size: event.Records.length, failed: event.Records.length, batchError: String(error) },
        error: String(error),
      });
      throw error;
    } finally {
      this.#release(fn, environment);
    }
  }

  /** An idle environment of the function, a new one while under its concurrency, or the next freed. */
  async #acquire(fn: LocalFunction): Promise<ExecutionEnvironment> {
    let pool = this.#pools.get(fn.name);
    if (!pool) {
      pool = { environments: [], waiting: [], loading: 0, started: 0 };
      this.#pools.set(fn.name, pool);
    }
    for (;;) {
      const idle = pool.environments.find((environment) => !environment.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.environments.length + pool.loading < this.#concurrencyOf(fn)) {
        pool.loading += 1;
        pool.started += 1;
        try {
          const environment: ExecutionEnvironment = {
            handler: await this.#load(fn, pool.started),
            busy: true,
          };
          pool.environments.push(environment);
          return environment;
        } catch (error) {
          // Nothing will be released for whoever waits on this load: the next one tries its own.
          pool.waiting.shift()?.();
          throw error;
        } finally {
          pool.loading -= 1;
        }
      }
      const current = pool;
      await new Promise<void>((resolve) => current.waiting.push(resolve));
    }
  }

  #release(fn: LocalFunction, environment: ExecutionEnvironment): void {
    environment.busy = false;
    const pool = this.#pools.get(fn.name);
    if (environment.dead && pool) pool.environments.splice(pool.environments.indexOf(environment), 1);
    pool?.waiting.shift()?.();
  }

  #concurrencyOf(fn: LocalFunction): number {
    const mappings = this.#options.deployment.eventSourceMappings.filter(
      (mapping) => mapping.functionName === fn.name,
    );
    return Math.max(
      1,
      mappings.reduce((sum, mapping) => sum + mapping.maximumConcurrency, 0),
    );
  }

  #record(record: InvocationRecord): void {
    this.#invocations.push(record);
    this.#options.onInvocation?.(record);
  }

  #function(name: string): LocalFunction {
    const fn = this.#options.deployment.functions[name];
    if (!fn) throw new HandlerLoadError(`no function named ${name} in this deployment`);
    const timeoutSeconds = this.#options.functionTimeoutSeconds;
    return timeoutSeconds === undefined ? fn : { ...fn, timeoutSeconds };
  }

  async #load(fn: LocalFunction, instance: number): Promise<Handler> {
    const separator = fn.handler.lastIndexOf('.');
    const modulePath = fn.handler.slice(0, separator);
    const exportName = fn.handler.slice(separator + 1);
    const candidates = ['.ts', '.js', '.mjs'].map((extension) =>
      join(this.#options.serviceDir, `${modulePath}${extension}`),
    );
    const file = candidates.find((candidate) => existsSync(candidate));
    if (!file) throw new HandlerLoadError(`${fn.name}: handler module ${modulePath} not found`);
    // Functions share this process, so their environments are merged; Powertools and the SDK
    // read it when the module loads, which is why it is set before the import.
    Object.assign(
      process.env,
      this.#options.runtimeEnvironment,
      fn.environment,
      this.#options.environmentOverrides,
      {
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        LAMBDA_TASK_ROOT: this.#options.serviceDir,
      },
    );
    // A query string makes the module loader evaluate the handler module afresh: a new
    // execution environment with its own module-level state.
    // The runner's own number keeps a second runner in this process (a redeploy with another
    // environment) from being handed the first one's cached modules.
    const url = `${pathToFileURL(file).href}?runner=${this.#id}&environment=${instance}`;
    const module = (await import(url)) as Record<string, unknown>;
    const handler = module[exportName];
    if (typeof handler !== 'function')
      throw new HandlerLoadError(`${fn.name}: ${file} exports no ${exportName}`);
    return handler as Handler;
  }
}
