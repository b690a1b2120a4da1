import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const plugins = createRequire(import.meta.url)(join(REPO_ROOT, 'plugins/esbuild-plugins.cjs')) as Plugin[];
const temporary: string[] = [];

/** Bundles `entry` as serverless.yml's esbuild settings do, with the project's plugins; the output text. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    plugins,
    logLevel: 'silent',
  });
  return result.outputFiles.map((file) => file.text).join('');
}

/** A package under node_modules/@aws-sdk whose runtimeConfig.js reads `reads` from its package.json. */
async function sdkPackage(reads: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'copy-autopilot-esbuild-plugins-'));
  temporary.push(root);
  const dir = join(root, 'node_modules/@aws-sdk/client-example');
  await mkdir(join(dir, 'dist-es'), { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: '@aws-sdk/client-example', version: '3.0.0', scripts: { build: 'tsc' } }),
  );
  const uses = reads.map((member, index) => `export const read${index} = packageInfo.${member};`);
  const entry = join(dir, 'dist-es/runtimeConfig.js');
  await writeFile(entry, ['import packageInfo from "../package.json";', ...uses, ''].join('\n'));
  return entry;
}

afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('Plugin: sdk-package-version', () => {
  it('bundles an SDK client’s package.json as its name and version only', async () => {
    // Prepare
    const runtimeConfig = join(REPO_ROOT, 'node_modules/@aws-sdk/client-sqs/dist-es/runtimeConfig.js');

    // Act
    const output = await bundle(runtimeConfig);

    // Assess
    expect(output).toMatch(/"?version"?: "3\.\d+\.\d+"/);
    expect(output).not.toContain('devDependencies');
    expect(output).not.toContain('typesVersions');
  });

  it('keeps the whole package.json when the client reads more than its version', async () => {
    // Prepare
    const entry = await sdkPackage(['version', 'scripts']);

    // Act
    const output = await bundle(entry);

    // Assess
    expect(output).toContain('tsc');
  });

  it('drops everything but name and version when the client reads only its version', async () => {
    // Prepare
    const entry = await sdkPackage(['version']);

    // Act
    const output = await bundle(entry);

    // Assess
    expect(output).toContain('3.0.0');
    expect(output).not.toContain('tsc');
  });
});
