import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const LOCAL_CLOUD = join(REPO, 'src', 'local');
const SOURCE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

/** One import that leaves the folder it was checked against. */
interface LeavingImport {
  readonly file: string;
  readonly specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** A package, or its types alone (`aws-lambda` is `@types/aws-lambda`, `@a/b` is `@types/a__b`). */
function isDeclared(specifier: string, packages: ReadonlySet<string>): boolean {
  const name = packageName(specifier);
  return packages.has(name) || packages.has(`@types/${name.replace(/^@/, '').replace('/', '__')}`);
}

/**
 * Every import, re-export, dynamic `import()` and `import type` of the files under `root` whose
 * specifier reaches outside it: a relative path that resolves elsewhere, an absolute path, or a
 * bare name that is neither a Node.js builtin nor one of `packages` (so not a path in disguise).
 * The specifiers are read by TypeScript's own pre-processor, not by a regular expression.
 */
function importsLeaving(root: string, packages: ReadonlySet<string>): LeavingImport[] {
  const leaving: LeavingImport[] = [];
  for (const file of sourceFiles(root)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      const inside = specifier.startsWith('.')
        ? resolve(dirname(file), specifier).startsWith(root + sep)
        : !specifier.startsWith('/') && (isBuiltin(specifier) || isDeclared(specifier, packages));
      if (!inside) leaving.push({ file: relative(root, file), specifier });
    }
  }
  return leaving;
}

function declaredPackages(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
  return new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
  ]);
}

describe('Function: importsLeaving', () => {
  let scratch: string | undefined;
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('finds imports, re-exports and dynamic imports that leave the folder, and only those', () => {
    // Prepare
    scratch = mkdtempSync(join(tmpdir(), 'import-boundary-'));
    const root = join(scratch, 'local');
    mkdirSync(join(root, 'server'), { recursive: true });
    writeFileSync(join(root, 'errors.ts'), 'export class E extends Error {}\n');
    writeFileSync(
      join(root, 'server', 'edge.ts'),
      [
        "import { createServer } from 'node:http';",
        "import { join } from 'path';",
        "import type { Context } from 'aws-lambda';",
        "import { SQSClient } from '@aws-sdk/client-sqs/dist-types/index.js';",
        "import { E } from '../errors.js';",
        "import { CopyAutopilotError } from '../../domain/errors.js';",
        "export { peek } from '../../aws/deadLetterQueueReader.js';",
        "const lazy = () => import('../../handlers/copyWorker.js');",
        "import { undeclared } from 'left-pad';",
        "import { absolute } from '/etc/anywhere.js';",
      ].join('\n'),
    );

    // Act
    const leaving = importsLeaving(root, new Set(['@types/aws-lambda', '@aws-sdk/client-sqs']));

    // Assess
    expect(leaving.map(({ specifier }) => specifier).sort()).toEqual([
      '../../aws/deadLetterQueueReader.js',
      '../../domain/errors.js',
      '../../handlers/copyWorker.js',
      '/etc/anywhere.js',
      'left-pad',
    ]);
  });
});

describe('The local cloud (src/local)', () => {
  it('imports nothing from outside src/local but Node.js builtins and declared npm packages', () => {
    // Act
    const leaving = importsLeaving(LOCAL_CLOUD, declaredPackages());

    // Assess
    expect(leaving).toEqual([]);
  });
});
