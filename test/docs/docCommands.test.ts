import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docPages, INTEROP_DOCS_TEST, REPO_ROOT, readDocPage } from './docPages.js';
import { DocSession, kindsOf } from './docSession.js';
import { parseCliArguments } from './exercisers/cliExerciser.js';

/**
 * Every command the README and docs/ show is run (or, where running it here is not possible,
 * checked and linked to what runs it): see docs/testing.md, "The docs are tested". AWS CLI
 * lines run in `npm run test:interop` (test/interop/docs/docCommands.test.ts).
 */

const PAGE_TIMEOUT_MS = 300_000;

function scriptNames(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return Object.keys(manifest.scripts);
}

describe.each(docPages())('Docs page %s', (page) => {
  const { commands } = readDocPage(page);

  it('has only commands the docs test can read', () => {
    // Assess
    expect(commands.problems).toEqual([]);
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
    const unknown = commands.inline.filter(({ text }) => {
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
    });

    // Assess
    expect(unknown.map(({ line, text }) => `${page}:${line}: ${text}`)).toEqual([]);
  });

  it.runIf(page !== 'README.md')('is linked from the README', () => {
    // Assess
    expect(readDocPage('README.md').markdown).toContain(`(${page})`);
  });

  it('shows each command in a block the test classifies', () => {
    // Act
    const unreadable = commands.blocks
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
    expect(unreadable).toEqual([]);
  });
});
