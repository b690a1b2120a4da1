import { describe, expect, it } from 'vitest';
import { docPages, REPO_ROOT, readDocPage } from '../../docs/docPages.js';
import { DocSession, kindsOf } from '../../docs/docSession.js';
import { exerciseAwsCli, exerciseCloudFormationWithAwsCli } from './awsCliExerciser.js';

/**
 * The pages' AWS CLI lines, which `npm test` leaves to this suite: each page that has one runs
 * again whole, every block in order, with `aws` (the v1 on PATH) and `/usr/bin/aws` (Debian's
 * v2) for real against the page's local cloud. `aws cloudformation` lines are parsed by the real
 * CLI too (see awsCliExerciser.ts).
 */

const PAGE_TIMEOUT_MS = 600_000;

const pagesWithAwsCli = docPages().filter((page) =>
  readDocPage(page)
    .commands.blocks.flatMap((block) => block.commands)
    .some((command) => {
      const kinds = kindsOf(command);
      return kinds.includes('aws') || kinds.includes('cloudformation');
    }),
);

describe.each(pagesWithAwsCli)('Docs page %s with the AWS CLI', (page) => {
  it('runs every command it shows, the AWS CLI lines included', { timeout: PAGE_TIMEOUT_MS }, async () => {
    // Prepare
    const { commands } = readDocPage(page);
    const session = new DocSession({
      repoRoot: REPO_ROOT,
      mode: 'interop',
      exercisers: { aws: exerciseAwsCli, cloudformation: exerciseCloudFormationWithAwsCli },
    });

    // Act
    const results = await session.runBlocks(commands.blocks).finally(() => session.close());

    // Assess
    const failures = results
      .filter((result) => result.status !== 'passed')
      .map((result) => `${page}:${result.command.line}: ${result.command.text}\n  → ${result.detail}`);
    expect(failures).toEqual([]);
    expect(results.some((result) => result.detail.includes('AWS CLI'))).toBe(true);
  });
});
