import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { buildHandler, HandlerBuild } from './handlerBuilds.js';
import { type PackagedFunction, packagedFunctions } from './packagedFunctions.js';
import { median, ratio, summarize } from './stats.js';

const run = promisify(execFile);

export const COLD_START_GOAL_MS = 150;

/**
 * Runs in the fresh process: times the dynamic import of the handler module, which builds the
 * worker's configuration, policy, logger, metrics and SDK clients at module scope, as a Lambda
 * init does. `sinceStartMs` adds Node's own boot (performance.now() counts from process start).
 */
const PROBE = `
const started = performance.now();
const module = await import(process.env.BENCH_HANDLER_URL);
const imported = performance.now();
if (typeof module[process.env.BENCH_HANDLER_EXPORT] !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ importMs: imported - started, sinceStartMs: imported }) + '\\n');
process.exit(0);
`;

interface Variant {
  readonly label: string;
  readonly file: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly how: string;
}

/**
 * Cold start: a fresh `node` per sample imports the handler with the function's environment
 * (from the packaged template; resources it references get placeholder values) and dummy
 * credentials. Variants are run round-robin so machine noise falls on each alike: the package
 * as deployed, the unbundled baseline (our code in one file, dependencies loaded from
 * node_modules on disk), and, where they apply, the package without --enable-source-maps and
 * a minified build.
 */
export const coldStart: Benchmark = {
  name: 'coldStart',
  run: async ({ serviceDir, quick, progress }): Promise<BenchmarkResult> => {
    const { functions, esbuild } = await packagedFunctions(serviceDir);
    const rounds = quick ? 3 : 15;
    const figures: Figure[] = [];
    const details: Record<string, unknown> = { rounds };
    for (const fn of functions) {
      const deployedFile = join(fn.taskRoot, fn.handlerModule);
      const unbundled = await buildHandler(serviceDir, fn, esbuild, HandlerBuild.Unbundled);
      const environment = functionEnvironment(fn);
      const policyFile = environment.POLICY_FILE;
      if (policyFile !== undefined && !existsSync(join(fn.taskRoot, policyFile))) {
        // A cold start without its policy would be faster and wrong: refuse to measure it.
        throw new Error(`${fn.name}: ${policyFile} is not in the package`);
      }
      const { NODE_OPTIONS: nodeOptions, ...withoutNodeOptions } = environment;
      const variants: Variant[] = [
        {
          label: 'as deployed',
          file: deployedFile,
          environment,
          how: 'the packaged bundle, env from the template',
        },
        {
          label: 'unbundled node_modules',
          file: unbundled.file,
          environment,
          how: "our code bundled, dependencies from node_modules (esbuild packages: 'external')",
        },
      ];
      if (nodeOptions?.includes('--enable-source-maps') === true) {
        variants.push({
          label: 'without --enable-source-maps',
          file: deployedFile,
          environment: withoutNodeOptions,
          how: 'the packaged bundle, NODE_OPTIONS unset: what loading the source map costs',
        });
      }
      if (esbuild.minify !== true) {
        const minified = await buildHandler(serviceDir, fn, esbuild, HandlerBuild.Minified);
        variants.push({
          label: 'if minify: true',
          file: minified.file,
          environment,
          how: 'the handler built with minify: true, no source map',
        });
      }
      const samples = new Map<string, { importMs: number; sinceStartMs: number }[]>(
        variants.map((variant) => [variant.label, []]),
      );
      progress(`${fn.name}: ${rounds} rounds × ${variants.length} fresh processes`);
      for (let round = 0; round < rounds; round += 1) {
        for (const variant of variants) {
          samples
            .get(variant.label)
            ?.push(await importOnce(variant.file, fn.handlerExport, variant.environment));
        }
      }
      const importMedian = (label: string): number =>
        median((samples.get(label) ?? []).map((sample) => sample.importMs));
      const baseline = importMedian('unbundled node_modules');
      const how = `median of ${rounds} fresh node processes timing the handler import (init, clients built)`;
      const ratios: Figure[] = [];
      for (const variant of variants) {
        const value = importMedian(variant.label);
        const isBaseline = variant.label === 'unbundled node_modules';
        figures.push({
          name: `cold start: ${fn.name} (${variant.label})`,
          value: round1(value),
          unit: 'ms',
          ...(isBaseline ? {} : { goal: { comparison: '<=' as const, value: COLD_START_GOAL_MS } }),
          how: `${how}; ${variant.how}`,
        });
        if (!isBaseline) {
          ratios.push({
            name: `cold start ratio: ${fn.name} ${variant.label} / unbundled`,
            value: round2(ratio(value, baseline)),
            unit: '×',
            how: 'medians of the same rounds, variants interleaved in each round',
          });
        }
      }
      figures.push(...ratios);
      details[fn.name] = Object.fromEntries(
        variants.map((variant) => {
          const list = samples.get(variant.label) ?? [];
          return [
            variant.label,
            {
              how: variant.how,
              importMs: summarize(list.map((sample) => sample.importMs)),
              sinceProcessStartMs: summarize(list.map((sample) => sample.sinceStartMs)),
            },
          ];
        }),
      );
    }
    return { figures, details };
  },
};

/**
 * The function's variables with placeholders for what CloudFormation would resolve, plus what
 * the Lambda runtime sets. Nothing of the bench's own environment leaks in (NODE_OPTIONS!).
 */
export function functionEnvironment(fn: PackagedFunction): Record<string, string> {
  const placeholders: Record<string, string> = {
    IDEMPOTENCY_TABLE_NAME: 'copy-autopilot-bench-idempotency',
    // `!Ref AWS::AccountId` in the template.
    AWS_ACCOUNT_ID: '000000000000',
  };
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ACCOUNT_ID: '000000000000',
    AWS_LAMBDA_FUNCTION_NAME: `copy-autopilot-bench-${fn.name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    LAMBDA_TASK_ROOT: fn.taskRoot,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const [name, value] of Object.entries(fn.environment)) {
    environment[name] = typeof value === 'string' ? value : (placeholders[name] ?? placeholderFor(name));
  }
  return environment;
}

/**
 * A stand-in for a value CloudFormation resolves. Queue URLs (every handler checks their shape
 * when it builds its wiring, at import) look like SQS's: DEAD_LETTER_QUEUE_URL ->
 * …/copy-autopilot-bench-dead-letter-queue.
 */
function placeholderFor(name: string): string {
  if (!name.endsWith('_QUEUE_URL')) return `bench-${name.toLowerCase()}`;
  const queue = name.slice(0, -'_URL'.length).toLowerCase().replaceAll('_', '-');
  return `https://sqs.us-east-1.amazonaws.com/000000000000/copy-autopilot-bench-${queue}`;
}

async function importOnce(
  file: string,
  exportName: string,
  environment: Readonly<Record<string, string>>,
): Promise<{ importMs: number; sinceStartMs: number }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE], {
    env: { ...environment, BENCH_HANDLER_URL: pathToFileURL(file).href, BENCH_HANDLER_EXPORT: exportName },
    cwd: environment.LAMBDA_TASK_ROOT,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as { importMs: number; sinceStartMs: number };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
