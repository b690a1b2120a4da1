import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readPackageVersion } from '../../src/cli/version.js';
import { validatePolicy } from '../../src/domain/policy/validatePolicy.js';
import { docPages, INTEROP_DOCS_TEST, REPO_ROOT, readDocPage } from './docPages.js';
import { DocSession, kindsOf } from './docSession.js';
import { parseCliArguments } from './exercisers/cliExerciser.js';

/**
 * Every command the README and docs/ show is run (or, where running it here is not possible,
 * checked and linked to what runs it): docs/testing.md, "The docs are tested", says how each
 * kind is exercised. AWS CLI lines run in `npm run test:interop` (test/interop/docs).
 */

const PAGE_TIMEOUT_MS = 300_000;

function scriptNames(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return Object.keys(manifest.scripts);
}

/** Inline code that names a command or script that does not exist, or options it refuses. */
function unknownInline(text: string, scripts: readonly string[]): boolean {
  // A synopsis (`status [--dry-run]`, `--output table|json`) describes a command; it is not one.
  if (/[[|…]/.test(text)) return false;
  if (text.startsWith('npm run ')) return !scripts.includes(text.split(' ')[2] ?? '');
  const words = text.split(/\s+/);
  try {
    parseCliArguments(words[0] === 'npx' ? words.slice(2) : words.slice(1));
    return false;
  } catch {
    return true;
  }
}

/** The targets of a page's relative Markdown links, without anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => (match[1] ?? '').split('#')[0] ?? '')
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target));
}

/** Files the docs name that a command writes, not the repository holds. */
const GENERATED_FILES: ReadonlySet<string> = new Set(['bench/results/partial.tmp.json']);

/** Repository paths a page names in inline code (`src/…/x.ts`, `deploy/member-account.yml`). */
function namedPaths(markdown: string): string[] {
  const top = '(?:src|test|bench|chaos|deploy|examples|events|schema|plugins|docs|\\.ci)';
  const path = new RegExp(`\`(${top}/[\\w./-]*[\\w/])\``, 'g');
  return [...markdown.matchAll(path)]
    .map((match) => match[1] ?? '')
    .filter((name) => !GENERATED_FILES.has(name));
}

/** The YAML blocks of a page that are whole policies (`version: 1`). */
function policyExamples(markdown: string): string[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((yaml) => /^version: 1$/m.test(yaml));
}

describe.each(docPages())('Docs page %s', (page) => {
  const { markdown, commands } = readDocPage(page);

  it('has only commands the docs test can read and run', () => {
    // Act
    const unclassified = commands.blocks
      .flatMap((block) => block.commands)
      .filter((command) => {
        try {
          return kindsOf(command).includes(undefined);
        } catch {
          return true;
        }
      })
      .map((command) => `${page}:${command.line}: ${command.text}`);

    // Assess
    expect(commands.problems).toEqual([]);
    expect(unclassified).toEqual([]);
  });

  it('runs every command it shows with the exit code it says', { timeout: PAGE_TIMEOUT_MS }, async () => {
    // Prepare
    const session = new DocSession({ repoRoot: REPO_ROOT, mode: 'npm-test' });

    // Act
    const results = await session.runBlocks(commands.blocks).finally(() => session.close());

    // Assess
    const failures = results
      .filter((result) => result.status === 'failed')
      .map((result) => `${page}:${result.command.line}: ${result.command.text}\n  → ${result.detail}`);
    expect(failures).toEqual([]);
    if (results.some((result) => result.status === 'deferred')) {
      expect(existsSync(join(REPO_ROOT, INTEROP_DOCS_TEST))).toBe(true);
    }
  });

  it('names, in its prose, only commands and options that exist', () => {
    // Prepare
    const scripts = scriptNames();

    // Act
    const unknown = commands.inline.filter(({ text }) => unknownInline(text, scripts));

    // Assess
    expect(unknown.map(({ line, text }) => `${page}:${line}: ${text}`)).toEqual([]);
  });

  it('links only to files that exist', () => {
    // Act
    const broken = relativeLinks(markdown).filter(
      (target) => !existsSync(join(REPO_ROOT, dirname(page), target)),
    );

    // Assess
    expect(broken).toEqual([]);
  });

  it('names only repository paths that exist', () => {
    // Act
    const missing = namedPaths(markdown).filter((path) => !existsSync(join(REPO_ROOT, path)));

    // Assess
    expect(missing).toEqual([]);
  });

  it('shows only policy examples the validator accepts', () => {
    // Act
    const refused = policyExamples(markdown).flatMap((yaml) => {
      try {
        validatePolicy(parse(yaml));
        return [];
      } catch (error) {
        return [error instanceof Error ? error.message : String(error)];
      }
    });

    // Assess
    expect(refused).toEqual([]);
  });
});

describe('Docs: the README', () => {
  it('links every page under docs/', () => {
    // Prepare
    const { markdown } = readDocPage('README.md');

    // Act
    const unlinked = docPages().filter((page) => page !== 'README.md' && !markdown.includes(`(${page})`));

    // Assess
    expect(unlinked).toEqual([]);
  });

  it('stays a guide: under 200 lines', () => {
    // Assess
    expect(readDocPage('README.md').markdown.trimEnd().split('\n').length).toBeLessThan(200);
  });

  it('shows `npx copy-autopilot`, which resolves to this repository’s CLI', { timeout: 60_000 }, async () => {
    // Act: the docs test runs the CLI in-process; this proves the npx entry point the docs show.
    const { stdout } = await promisify(execFile)('npx', ['copy-autopilot', '--version'], {
      cwd: REPO_ROOT,
      env: { ...process.env, npm_config_yes: 'false' },
    });

    // Assess
    expect(stdout.trim()).toBe(readPackageVersion());
  });
});
