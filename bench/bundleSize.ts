import type { Benchmark, BenchmarkResult, Figure } from './benchmark.js';
import { buildHandler, HandlerBuild } from './handlerBuilds.js';
import { packagedFunctions } from './packagedFunctions.js';

const KIB = 1024;
export const BUNDLE_GOAL_KIB = 500;

/**
 * Bundle size of each function as deployed: `osls package`, the function's zip unpacked, the
 * size of its handler module. When serverless.yml does not minify, the same handler is also
 * built with `minify: true`, so the effect of that setting is measured rather than guessed.
 */
export const bundleSize: Benchmark = {
  name: 'bundleSize',
  run: async ({ serviceDir, progress }): Promise<BenchmarkResult> => {
    progress('packaging serverless.yml with osls');
    const { functions, esbuild } = await packagedFunctions(serviceDir);
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {
      esbuild: { minify: esbuild.minify, sourcemap: esbuild.sourcemap },
    };
    for (const fn of functions) {
      const handler = fn.files.find((file) => file.name === fn.handlerModule);
      if (handler === undefined) throw new Error(`${fn.name}: ${fn.handlerModule} is not in its zip`);
      const deployedFigure: Figure = {
        name: `bundle size: ${fn.name} (as deployed)`,
        value: round(handler.bytes / KIB),
        unit: 'KiB',
        goal: { comparison: '<=', value: BUNDLE_GOAL_KIB },
        how: `osls package, ${fn.handlerModule} unzipped from ${fn.name}.zip (minify: ${esbuild.minify === true})`,
      };
      figures.push(deployedFigure);
      let minifiedBytes: number | undefined;
      if (esbuild.minify !== true) {
        // Measures what the one-line change would give instead of guessing it.
        minifiedBytes = (await buildHandler(serviceDir, fn, esbuild, HandlerBuild.Minified)).bytes;
        figures.push({
          name: `bundle size: ${fn.name} (if minify: true)`,
          value: round(minifiedBytes / KIB),
          unit: 'KiB',
          goal: { comparison: '<=', value: BUNDLE_GOAL_KIB },
          how: 'esbuild with the settings osls resolved for serverless-esbuild, plus minify: true',
        });
      }
      figures.push({
        name: `package size: ${fn.name}.zip`,
        value: round(fn.zipBytes / KIB),
        unit: 'KiB',
        how: `the zip osls wrote (${fn.files.map((file) => file.name.slice(file.name.lastIndexOf('/') + 1)).join(', ')})`,
      });
      details[fn.name] = { zipBytes: fn.zipBytes, files: fn.files, minifiedBytes };
    }
    return { figures, details };
  },
};

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
