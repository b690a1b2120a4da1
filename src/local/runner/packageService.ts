import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LocalCloudError } from '../errors.js';
import type { CloudFormationTemplate } from './cloudFormation/types.js';
import { withFileLock } from './fileLock.js';
import { summariseOslsFailure } from './oslsFailure.js';
import {
  type CachedPackage,
  packageCacheDir,
  packageCacheKey,
  readCachedPackage,
  writeCachedPackage,
} from './packageCache.js';

const run = promisify(execFile);

export class PackageError extends LocalCloudError {
  /** What osls printed, for callers that assert on the reason (an invalid policy, say). */
  public readonly output: string;
  public constructor(message: string, output: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PackageError';
    this.output = output;
  }
}

export interface PackagedService {
  readonly directory: string;
  readonly template: CloudFormationTemplate;
  readonly stackName: string;
  /** What osls printed. */
  readonly output: string;
}

export interface PackageOptions {
  readonly serviceDir: string;
  readonly stage: string;
  readonly region: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Where the artifacts go; a new temporary directory by default. */
  readonly outputDir?: string;
  /** The environment osls runs with; this process's by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Packages serverless.yml exactly as a deployment would (`osls package`, offline), so the local
 * cloud runs what AWS would receive: the same template, the same build-time policy check.
 * Runs of one service are serialised across processes: osls works in the service's
 * `.serverless` folder even when told to write the package elsewhere.
 */
export async function packageService(options: PackageOptions): Promise<PackagedService> {
  return withFileLock(packageLockPath(options.serviceDir), () => runOslsPackage(options));
}

/** A packaged template, and whether it came from the cache. */
export interface PackagedTemplate extends CachedPackage {
  readonly fromCache: boolean;
}

/**
 * The template `osls package` makes for these inputs, from the cache when nothing that goes
 * into it changed (see packageCacheKey), else packaged and stored. Checked again under the
 * packaging lock, so of two runs that miss at once the second waits for the first and hits.
 */
export async function packageTemplate(
  options: PackageOptions & { readonly cacheDir?: string },
): Promise<PackagedTemplate> {
  const cacheDir = options.cacheDir ?? packageCacheDir(options.serviceDir);
  const key = await packageCacheKey(options);
  const cached = await readCachedPackage(cacheDir, key, options.serviceDir);
  if (cached !== undefined) return { ...cached, fromCache: true };
  return withFileLock(packageLockPath(options.serviceDir), async () => {
    const storedMeanwhile = await readCachedPackage(cacheDir, key, options.serviceDir);
    if (storedMeanwhile !== undefined) return { ...storedMeanwhile, fromCache: true };
    const packaged = await runOslsPackage(options);
    // Only the template is kept: the handlers run from the sources, in-process.
    await rm(packaged.directory, { recursive: true, force: true });
    const entry = { template: packaged.template, stackName: packaged.stackName };
    await writeCachedPackage(cacheDir, key, entry, options.serviceDir);
    return { ...entry, fromCache: false };
  });
}

function packageLockPath(serviceDir: string): string {
  const digest = createHash('sha256').update(resolve(serviceDir)).digest('hex').slice(0, 16);
  return join(tmpdir(), `copy-autopilot-package-${digest}.lock`);
}

async function runOslsPackage(options: PackageOptions): Promise<PackagedService> {
  const directory = options.outputDir ?? (await mkdtemp(join(tmpdir(), 'copy-autopilot-package-')));
  const args = ['package', '--stage', options.stage, '--region', options.region, '--package', directory];
  for (const [name, value] of Object.entries(options.params ?? {})) args.push(`--param=${name}=${value}`);
  const osls = join(options.serviceDir, 'node_modules', 'osls', 'bin', 'serverless.js');
  let output: string;
  try {
    const result = await run(process.execPath, [osls, ...args], {
      cwd: options.serviceDir,
      env: { ...(options.env ?? process.env), SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      maxBuffer: 16 * 1024 * 1024,
    });
    output = `${result.stdout}${result.stderr}`;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    const printed = `${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim();
    throw new PackageError(
      `osls package failed:\n${summariseOslsFailure(printed) || failure.message}`,
      printed,
      {
        cause: error,
      },
    );
  }
  const template = JSON.parse(
    await readFile(join(directory, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CloudFormationTemplate;
  const state = JSON.parse(await readFile(join(directory, 'serverless-state.json'), 'utf8')) as {
    service?: { service?: string | { name?: string } };
  };
  const service = state.service?.service;
  const serviceName = typeof service === 'string' ? service : (service?.name ?? 'copy-autopilot');
  return { directory, template, stackName: `${serviceName}-${options.stage}`, output };
}
