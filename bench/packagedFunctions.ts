import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageService } from '../src/local/runner/packageService.js';
import { retryPackaging } from './retryPackaging.js';
import { readZipEntries } from './zipArchive.js';

/** A function of the packaged service, unzipped the way Lambda unpacks it into /var/task. */
export interface PackagedFunction {
  /** serverless.yml's function key (`copyWorker`). */
  readonly name: string;
  readonly zipBytes: number;
  /** Every file of the zip with its unpacked size. */
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
  /** The unpacked package: Lambda's task root. */
  readonly taskRoot: string;
  /** The handler module inside taskRoot (`src/handlers/copyWorker.mjs`). */
  readonly handlerModule: string;
  readonly handlerExport: string;
  /** The function's environment from the template; values CloudFormation would resolve stay objects. */
  readonly environment: Readonly<Record<string, unknown>>;
}

interface TemplateFunction {
  readonly Type: string;
  readonly Properties: {
    readonly Handler: string;
    readonly Code?: { readonly S3Key?: unknown };
    readonly Environment?: { readonly Variables?: Record<string, unknown> };
  };
}

/** The packaged service: its functions and the serverless-esbuild settings they were built with. */
export interface PackagedFunctions {
  readonly functions: readonly PackagedFunction[];
  /** `custom.esbuild` as osls resolved it (from serverless-state.json). */
  readonly esbuild: Readonly<Record<string, unknown>>;
}

let packaged: Promise<PackagedFunctions> | undefined;

/**
 * Packages serverless.yml as a deploy would (`osls package`, the local runner's packageService)
 * once per bench run and unzips every function's package.
 */
export function packagedFunctions(serviceDir: string): Promise<PackagedFunctions> {
  packaged ??= packageAndUnzip(serviceDir);
  return packaged;
}

async function packageAndUnzip(serviceDir: string): Promise<PackagedFunctions> {
  const service = await retryPackaging(() =>
    packageService({ serviceDir, stage: 'bench', region: 'us-east-1' }),
  );
  const resources = (service.template.Resources ?? {}) as Record<string, TemplateFunction>;
  const unpacked = await mkdtemp(join(tmpdir(), 'copy-autopilot-bench-functions-'));
  const functions: PackagedFunction[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const key = resource.Properties.Code?.S3Key;
    if (typeof key !== 'string' || !key.endsWith('.zip')) continue;
    const zipName = key.slice(key.lastIndexOf('/') + 1);
    const name = zipName.slice(0, -'.zip'.length);
    const archive = await readFile(join(service.directory, zipName));
    const taskRoot = join(unpacked, name);
    const entries = readZipEntries(archive);
    for (const entry of entries) {
      if (entry.name.endsWith('/')) continue;
      const target = join(taskRoot, entry.name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, entry.read());
    }
    const handler = resource.Properties.Handler;
    const separator = handler.lastIndexOf('.');
    const modulePath = handler.slice(0, separator);
    const handlerFile = entries.find(
      (entry) => /\.(mjs|cjs|js)$/.test(entry.name) && entry.name.startsWith(`${modulePath}.`),
    );
    functions.push({
      name,
      zipBytes: archive.length,
      files: entries.map((entry) => ({ name: entry.name, bytes: entry.uncompressedBytes })),
      taskRoot,
      handlerModule: handlerFile?.name ?? `${modulePath}.mjs`,
      handlerExport: handler.slice(separator + 1),
      environment: resource.Properties.Environment?.Variables ?? {},
    });
  }
  const state = JSON.parse(await readFile(join(service.directory, 'serverless-state.json'), 'utf8')) as {
    service?: { custom?: { esbuild?: Record<string, unknown> } };
  };
  return {
    functions: functions.sort((a, b) => a.name.localeCompare(b.name)),
    esbuild: state.service?.custom?.esbuild ?? {},
  };
}
