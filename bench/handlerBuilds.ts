import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { PackagedFunction } from './packagedFunctions.js';

/** How a handler is built for comparison with the deployed package. */
export const HandlerBuild = {
  /** serverless.yml's esbuild settings with `minify: true`: what the package would hold after that change. */
  Minified: 'minified',
  /** Our sources in one file, every dependency imported from node_modules at run time. */
  Unbundled: 'unbundled',
} as const;
export type HandlerBuild = (typeof HandlerBuild)[keyof typeof HandlerBuild];

export interface BuiltHandler {
  /** Absolute path of the built module. */
  readonly file: string;
  readonly bytes: number;
}

/**
 * Builds a function's handler from src/ the way serverless-esbuild does (the settings osls
 * resolved), changed only as the variant says. Output goes under node_modules/.cache in the
 * project so the unbundled build resolves its dependencies from the project's node_modules.
 */
export async function buildHandler(
  serviceDir: string,
  fn: PackagedFunction,
  settings: Readonly<Record<string, unknown>>,
  variant: HandlerBuild,
): Promise<BuiltHandler> {
  const modulePath = fn.handlerModule.replace(/\.(mjs|cjs|js)$/, '');
  const entry = ['.ts', '.js', '.mjs']
    .map((extension) => join(serviceDir, `${modulePath}${extension}`))
    .find(existsSync);
  if (entry === undefined) throw new Error(`${fn.name}: no source for ${modulePath}`);
  const outDir = join(serviceDir, 'node_modules', '.cache', 'copy-autopilot-bench', variant, fn.name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const outfile = join(outDir, `${fn.name}.mjs`);
  const banner = settings.banner as { js?: string } | undefined;
  const result = await build({
    absWorkingDir: serviceDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: (settings.platform as 'node' | undefined) ?? 'node',
    target: (settings.target as string | undefined) ?? 'node22',
    format: (settings.format as 'esm' | undefined) ?? 'esm',
    mainFields: (settings.mainFields as string[] | undefined) ?? ['module', 'main'],
    ...(banner?.js === undefined ? {} : { banner: { js: banner.js } }),
    minify: variant === HandlerBuild.Minified,
    ...(variant === HandlerBuild.Unbundled ? { packages: 'external' as const } : {}),
    sourcemap: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'));
  return { file: outfile, bytes: output?.[1].bytes ?? 0 };
}
