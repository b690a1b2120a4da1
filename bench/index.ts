import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { meetsGoal } from './benchmark.js';
import { bundleSize } from './bundleSize.js';
import { coldStart } from './coldStart.js';
import { cost } from './cost.js';
import { describeMachine } from './machine.js';
import { organizationSweep } from './organizationSweep.js';
import { markdownReport, textTable } from './report.js';
import { restoration } from './restoration.js';
import { scale } from './scale.js';
import { sweepWorkerMemory } from './sweepWorkerMemory.js';
import { timeToProtection } from './timeToProtection.js';

/** In running order: the cheap ones first, so a broken setup fails fast. */
const BENCHMARKS: readonly Benchmark[] = [
  bundleSize,
  coldStart,
  timeToProtection,
  cost,
  scale,
  organizationSweep,
  sweepWorkerMemory,
  restoration,
];

const USAGE = `npm run bench [-- --quick] [-- --only NAME[,NAME…]] [-- --out FILE]

Benchmarks: ${BENCHMARKS.map((benchmark) => benchmark.name).join(', ')}.
  --quick   small sizes and few repetitions: checks the bench works (about a minute); figures not to quote
  --only    run only these benchmarks
  --out     where to write the JSON results (default: bench/results/latest.json for a full run,
            bench/results/partial.tmp.json otherwise, so a partial run never replaces the latest figures)`;

const serviceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const only = (values.only ?? []).flatMap((value) => value.split(',')).filter((name) => name !== '');
  const unknown = only.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')}\n\n${USAGE}\n`);
    return 2;
  }
  const selected =
    only.length === 0 ? BENCHMARKS : BENCHMARKS.filter((benchmark) => only.includes(benchmark.name));
  const complete = only.length === 0 && !values.quick;
  const out =
    values.out ?? join(serviceDir, 'bench', 'results', complete ? 'latest.json' : 'partial.tmp.json');
  const machine = describeMachine(serviceDir);
  const started = performance.now();

  const results: Record<string, BenchmarkResult | { error: string }> = {};
  const figures: Figure[] = [];
  for (const benchmark of selected) {
    const progress = (message: string): void => {
      process.stderr.write(`[${benchmark.name}] ${message}\n`);
    };
    progress('running');
    const benchmarkStarted = performance.now();
    try {
      const result = await benchmark.run({ serviceDir, quick: values.quick, progress });
      results[benchmark.name] = result;
      figures.push(...result.figures);
      progress(`done in ${Math.round((performance.now() - benchmarkStarted) / 1000)} s`);
    } catch (error) {
      results[benchmark.name] = {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
      progress(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const seconds = Math.round((performance.now() - started) / 1000);

  process.stdout.write(`\n${textTable(figures)}\n\n`);
  process.stdout.write(
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `commit ${machine.gitCommit.slice(0, 12)}${machine.gitDirty ? '+dirty' : ''}, ${seconds} s` +
      `${values.quick ? ' (--quick: smoke test, not figures to quote)' : ''}\n`,
  );
  await mkdir(dirname(out), { recursive: true });
  const report = {
    machine,
    quick: values.quick,
    benchmarks: selected.map((benchmark) => benchmark.name),
    durationSeconds: seconds,
    figures: figures.map((figure) => ({ ...figure, met: meetsGoal(figure) ?? null })),
    results,
  };
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  // The Markdown is what the README's Performance section shows: only for complete runs.
  if (complete) await writeFile(out.replace(/\.json$/, '.md'), markdownReport(figures, machine));
  process.stdout.write(`results: ${out}\n`);
  const failed = Object.values(results).some((result) => 'error' in result);
  return failed ? 1 : 0;
}

process.exitCode = await main();
