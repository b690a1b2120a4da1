import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PageCommands, readPageCommands } from './markdownCommands.js';

/** The repository this test runs in. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where `npm run test:interop` runs the pages' AWS CLI lines. */
export const INTEROP_DOCS_TEST = 'test/interop/docs/docCommands.test.ts';

/** The pages whose commands the docs test runs: the README and every page under docs/. */
export function docPages(): string[] {
  const pages = readdirSync(join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...pages];
}

/** A page's text and the commands in it. */
export function readDocPage(page: string): { markdown: string; commands: PageCommands } {
  const markdown = readFileSync(join(REPO_ROOT, page), 'utf8');
  return { markdown, commands: readPageCommands(page, markdown) };
}
