import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, benchUsage, parseBenchArguments } from './benchArguments.js';
import type { BenchmarkResult, Figure } from './benchmark.js';
import { meetsGoal } from './benchmark.js';
import { BENCHMARKS } from './benchmarks.js';
import { describeMachine } from './machine.js';
import { markdownReport, textTable } from './report.js';

const USAGE = benchUsage(BENCHMARKS.map((benchmark) => benchmark.name));

const serviceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  let request: ReturnType<typeof parseBenchArguments>;
  try {
    request = parseBenchArguments(
      process.argv.slice(2),
      BENCHMARKS.map((benchmark) => benchmark.name),
    );
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (request.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { only, quick } = request;
  const selected =
    only.length === 0 ? BENCHMARKS : BENCHMARKS.filter((benchmark) => only.includes(benchmark.name));
  const complete = only.length === 0 && !quick;
  const out =
    request.out ?? join(serviceDir, 'bench', 'results', complete ? 'latest.json' : 'partial.tmp.json');
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
      const result = await benchmark.run({ serviceDir, quick, progress });
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
      `${quick ? ' (--quick: smoke test, not figures to quote)' : ''}\n`,
  );
  await mkdir(dirname(out), { recursive: true });
  const report = {
    machine,
    quick: quick,
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
