import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CloudFormationTemplate } from './cloudFormation/types.js';

/** Bumped when the entry's shape or the key's recipe changes: older entries then never match. */
const CACHE_FORMAT = 'copy-autopilot-local-package/1';
/** Entries kept; the oldest beyond this are deleted after each store. */
const MAX_ENTRIES = 16;

/**
 * What goes into `osls package` besides the parameters: the service definition, the lock file
 * (it pins osls, serverless-esbuild, esbuild and every bundled module), and the directories
 * the bundles and build plugins are made of. Top-level YAML files join them (a default policy
 * named in serverless.yml's params), and so does any file a parameter names.
 */
export const PACKAGE_INPUTS = ['serverless.yml', 'package-lock.json', 'src', 'plugins'] as const;

/** What the cache keeps of a packaging: all the local cloud uses of it. */
export interface CachedPackage {
  readonly template: CloudFormationTemplate;
  readonly stackName: string;
}

export interface PackageCacheKeyInput {
  readonly serviceDir: string;
  readonly stage: string;
  readonly region: string;
  readonly params?: Readonly<Record<string, string>>;
}

interface CacheEntry extends CachedPackage {
  readonly format: string;
  readonly key: string;
  /** Files of the service directory the functions' environment names (the compiled policy): a hit needs them. */
  readonly requiredFiles: readonly string[];
}

/** Where a service's packages are cached: `.copy-autopilot/` is git-ignored and holds build outputs already. */
export function packageCacheDir(serviceDir: string): string {
  return join(serviceDir, '.copy-autopilot', 'package-cache');
}

/** The sha-256 of everything that goes into the package, the stage, the region and the parameters. */
export async function packageCacheKey(input: PackageCacheKeyInput): Promise<string> {
  const hash = createHash('sha256');
  const params = Object.entries(input.params ?? {}).sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify({ format: CACHE_FORMAT, stage: input.stage, region: input.region, params }));
  for (const file of await inputFiles(input)) {
    hash.update(`\0${relative(input.serviceDir, file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/**
 * The cached package for `key`, or undefined: absent, unreadable, of another format or key,
 * or missing a file its functions need. Such an entry is ignored (and rebuilt by the caller).
 */
export async function readCachedPackage(
  cacheDir: string,
  key: string,
  serviceDir: string,
): Promise<CachedPackage | undefined> {
  let entry: Partial<CacheEntry>;
  try {
    entry = JSON.parse(await readFile(join(cacheDir, `${key}.json`), 'utf8')) as Partial<CacheEntry>;
  } catch {
    return undefined;
  }
  const { template, stackName, requiredFiles } = entry;
  if (entry.format !== CACHE_FORMAT || entry.key !== key || typeof stackName !== 'string') return undefined;
  if (typeof template?.Resources !== 'object' || !Array.isArray(requiredFiles)) return undefined;
  for (const file of requiredFiles) {
    if (!(await exists(resolve(serviceDir, String(file))))) return undefined;
  }
  return { template, stackName };
}

/**
 * Stores a package under `key`. Written to a temporary file and renamed into place, so a reader
 * (another process) sees the whole entry or none; then the oldest entries beyond 16 go.
 */
export async function writeCachedPackage(
  cacheDir: string,
  key: string,
  packaged: CachedPackage,
  serviceDir: string,
): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    key,
    stackName: packaged.stackName,
    template: packaged.template,
    requiredFiles: await filesNamedByFunctions(packaged.template, serviceDir),
  };
  const file = join(cacheDir, `${key}.json`);
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(partial, JSON.stringify(entry));
  await rename(partial, file);
  await pruneCache(cacheDir);
}

async function inputFiles(input: PackageCacheKeyInput): Promise<string[]> {
  const { serviceDir } = input;
  const topLevel = (await readdir(serviceDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(serviceDir, entry.name));
  const named = Object.values(input.params ?? {}).map((value) =>
    isAbsolute(value) ? value : join(serviceDir, value),
  );
  const roots = [...PACKAGE_INPUTS.map((name) => join(serviceDir, name)), ...topLevel, ...named];
  const files = new Set<string>();
  for (const root of roots) for (const file of await filesUnder(root)) files.add(file);
  return [...files].sort();
}

/** The file itself, every file below a directory, or nothing for a path that does not exist. */
async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return [];
  if (info.isFile()) return [path];
  if (!info.isDirectory()) return [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

async function filesNamedByFunctions(
  template: CloudFormationTemplate,
  serviceDir: string,
): Promise<string[]> {
  const files: string[] = [];
  for (const resource of Object.values(template.Resources ?? {})) {
    const variables = (resource as { Properties?: { Environment?: { Variables?: Record<string, unknown> } } })
      .Properties?.Environment?.Variables;
    for (const value of Object.values(variables ?? {})) {
      if (typeof value !== 'string' || value === '' || isAbsolute(value) || value.includes('://')) continue;
      if (await exists(resolve(serviceDir, value))) files.push(value);
    }
  }
  return [...new Set(files)].sort();
}

/** Keeps the newest entries; drops temporary files a killed writer left over an hour ago. */
async function pruneCache(cacheDir: string): Promise<void> {
  const all = await readdir(cacheDir);
  for (const name of all.filter((candidate) => candidate.endsWith('.tmp'))) {
    const age =
      Date.now() - ((await stat(join(cacheDir, name)).catch(() => undefined))?.mtimeMs ?? Date.now());
    if (age > 3_600_000) await rm(join(cacheDir, name), { force: true });
  }
  const names = all.filter((name) => name.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const dated = await Promise.all(
    names.map(async (name) => ({
      name,
      mtime: (await stat(join(cacheDir, name)).catch(() => undefined))?.mtimeMs ?? 0,
    })),
  );
  dated.sort((a, b) => b.mtime - a.mtime);
  for (const { name } of dated.slice(MAX_ENTRIES)) await rm(join(cacheDir, name), { force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
