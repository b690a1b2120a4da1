import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The functions load the policy compiled to JSON: the YAML parser (~110 KB) must never be bundled
 * into them, which one stray import of src/policyFiles/index.ts (or of a YAML-reading module in
 * src/domain) would do silently. Each handler is bundled as serverless.yml's esbuild settings
 * bundle it, and the modules that went in are read from esbuild's metafile.
 */

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const HANDLERS = readdirSync(join(REPO_ROOT, 'src/handlers')).filter((file) => file.endsWith('.ts'));

/** The input files of `entry`'s bundle, relative to the repository. */
async function bundledInputs(entry: string): Promise<string[]> {
  const { metafile } = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs);
}

describe('The handler bundles', () => {
  it('bundle every handler there is', () => {
    // Assess: a handler added later is checked too
    expect(HANDLERS).toEqual(expect.arrayContaining(['copyWorker.ts', 'sweepPlanner.ts', 'sweepWorker.ts']));
  });

  it.each(HANDLERS)('hold no YAML parser: %s', async (handler) => {
    // Act
    const inputs = await bundledInputs(`src/handlers/${handler}`);

    // Assess
    expect(inputs).toContain('src/policyFiles/loadCompiledPolicy.ts');
    expect(inputs.filter((input) => input.includes('node_modules/yaml/'))).toEqual([]);
    expect(inputs).not.toContain('src/policyFiles/parsePolicy.ts');
  });

  it.each(HANDLERS)('reach STS without @aws-sdk/client-sts: %s', async (handler) => {
    // Act
    const inputs = await bundledInputs(`src/handlers/${handler}`);

    // Assess: member roles are assumed through the credential providers' nested STS client, which
    // every SDK client's default credential chain bundles anyway; client-sts would be a second STS
    // client of ~20 KiB minified (it took the copy worker over its 500 KiB bundle goal).
    expect(inputs.filter((input) => input.includes('node_modules/@aws-sdk/client-sts/'))).toEqual([]);
  });

  it('hold none through the policy rules either: src/domain/policy/index.ts pulls in no YAML', async () => {
    // Act
    const inputs = await bundledInputs('src/domain/policy/index.ts');

    // Assess
    expect(inputs.filter((input) => input.includes('node_modules/'))).toEqual([]);
  });
});
