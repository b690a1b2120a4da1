import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  packageCacheKey,
  readCachedPackage,
  writeCachedPackage,
} from '../../../../src/local/runner/packageCache.js';
import { packageTemplate } from '../../../../src/local/runner/packageService.js';

const SERVICE_DIR = fileURLToPath(new URL('../../../..', import.meta.url));
const TEMPLATE = {
  Resources: {
    Worker: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Environment: { Variables: { POLICY_FILE: '.copy-autopilot/policy.json', LEVEL: 'INFO' } },
      },
    },
  },
};

let service: string;
let cacheDir: string;

beforeEach(async () => {
  service = await mkdtemp(join(tmpdir(), 'copy-autopilot-cache-test-'));
  cacheDir = join(service, '.copy-autopilot', 'package-cache');
  await mkdir(join(service, 'src', 'handlers'), { recursive: true });
  await mkdir(join(service, '.copy-autopilot'), { recursive: true });
  await writeFile(join(service, 'serverless.yml'), 'service: x\n');
  await writeFile(join(service, 'package-lock.json'), '{}');
  await writeFile(join(service, 'copy-policy.yml'), 'version: 1\nrules: []\n');
  await writeFile(join(service, 'src', 'handlers', 'worker.ts'), 'export const a = 1;\n');
  await writeFile(join(service, '.copy-autopilot', 'policy.json'), '{}');
});

afterEach(async () => {
  await rm(service, { recursive: true, force: true });
});

const keyOf = (params: Record<string, string> = {}, stage = 'local') =>
  packageCacheKey({ serviceDir: service, stage, region: 'us-east-1', params });

describe('Function: packageCacheKey', () => {
  it('is stable while nothing that goes into the package changes', async () => {
    // Act & Assess
    expect(await keyOf()).toBe(await keyOf());
  });

  it('changes with a source file, serverless.yml, the default policy, a named policy file, the lock file and the stage', async () => {
    // Prepare
    await writeFile(join(service, 'other-policy.yml'), 'version: 1\n');
    const keys = [await keyOf({ policyFile: 'other-policy.yml' })];
    const edits: [string, string][] = [
      ['src/handlers/worker.ts', 'export const a = 2;\n'],
      ['serverless.yml', 'service: y\n'],
      ['copy-policy.yml', 'version: 1\nrules: [] # edited\n'],
      ['other-policy.yml', 'version: 1 # edited\n'],
      ['package-lock.json', '{"lockfileVersion":3}'],
    ];

    // Act
    for (const [file, content] of edits) {
      await writeFile(join(service, file), content);
      keys.push(await keyOf({ policyFile: 'other-policy.yml' }));
    }
    keys.push(await keyOf({ policyFile: 'other-policy.yml' }, 'dev'));

    // Assess
    expect(new Set(keys).size).toBe(edits.length + 2);
  });
});

describe('Function: readCachedPackage', () => {
  it('returns what was stored under the key', async () => {
    // Prepare
    const key = await keyOf();
    await writeCachedPackage(cacheDir, key, { template: TEMPLATE, stackName: 'x-local' }, service);

    // Act & Assess
    expect(await readCachedPackage(cacheDir, key, service)).toEqual({
      template: TEMPLATE,
      stackName: 'x-local',
    });
  });

  it('ignores a corrupted entry, a partial one and one whose policy file is gone', async () => {
    // Prepare
    const key = await keyOf();
    const file = join(cacheDir, `${key}.json`);
    await writeCachedPackage(cacheDir, key, { template: TEMPLATE, stackName: 'x-local' }, service);
    const whole = await readFile(file, 'utf8');

    // Act
    await writeFile(file, 'not json');
    const corrupted = await readCachedPackage(cacheDir, key, service);
    await writeFile(file, whole.slice(0, whole.length / 2));
    const partial = await readCachedPackage(cacheDir, key, service);
    await writeFile(file, whole);
    await rm(join(service, '.copy-autopilot', 'policy.json'));
    const policyGone = await readCachedPackage(cacheDir, key, service);

    // Assess
    expect([corrupted, partial, policyGone]).toEqual([undefined, undefined, undefined]);
  });

  it('leaves no temporary file behind a store', async () => {
    // Act
    await writeCachedPackage(cacheDir, await keyOf(), { template: TEMPLATE, stackName: 'x-local' }, service);

    // Assess
    expect((await readdir(cacheDir)).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });
});

describe('Function: packageTemplate (osls)', () => {
  it('packages once for two concurrent starts, serves the second from the cache, and rebuilds a corrupted entry', async () => {
    // Prepare
    const options = {
      serviceDir: SERVICE_DIR,
      stage: 'cachetest',
      region: 'us-east-1',
      cacheDir: join(service, 'cache'),
    };

    // Act
    const concurrent = await Promise.all([packageTemplate(options), packageTemplate(options)]);
    const [entry] = await readdir(options.cacheDir);
    await writeFile(join(options.cacheDir, entry as string), '{"format":');
    const afterCorruption = await packageTemplate(options);
    const warm = await packageTemplate(options);

    // Assess
    expect(concurrent.map((packaged) => packaged.fromCache).sort()).toEqual([false, true]);
    expect(concurrent[1]?.template).toEqual(concurrent[0]?.template);
    expect(afterCorruption.fromCache).toBe(false);
    expect(warm).toEqual({ ...afterCorruption, fromCache: true });
    expect(warm.stackName).toBe('copy-autopilot-cachetest');
  }, 120_000);
});
