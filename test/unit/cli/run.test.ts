import { describe, expect, it } from 'vitest';
import type { Command, CommandContext } from '../../../src/cli/command.js';
import { UsageError } from '../../../src/cli/errors.js';
import { createMemoryPrinter, formatTable } from '../../../src/cli/printer.js';
import { runCli } from '../../../src/cli/run.js';
import { readPackageVersion } from '../../../src/cli/version.js';

const context = () => {
  const printer = createMemoryPrinter();
  const ctx: CommandContext = {
    printer,
    env: {},
    cwd: '/',
    interrupted: new Promise(() => undefined),
    confirm: async () => false,
  };
  return { printer, ctx };
};

const echo: Command = {
  path: ['dlq', 'list'],
  summary: 'lists',
  usage: 'copy-autopilot dlq list [--limit N]',
  options: { limit: { type: 'string' } },
  run: async ({ values }, { printer }) => {
    if (values.limit === 'bad') throw new UsageError('--limit must be a number', 'try --limit 10');
    printer.line(`limit=${String(values.limit)}`);
    return 0;
  },
};

describe('Function: runCli', () => {
  it('dispatches on the leading words and passes the parsed options', async () => {
    // Prepare
    const { printer, ctx } = context();

    // Act
    const code = await runCli(['dlq', 'list', '--limit', '5'], [echo], ctx);

    // Assess
    expect(code).toBe(0);
    expect(printer.out).toEqual(['limit=5']);
  });

  it('exits 2 with the resolution on a usage error', async () => {
    // Prepare
    const { printer, ctx } = context();

    // Act
    const code = await runCli(['dlq', 'list', '--limit', 'bad'], [echo], ctx);

    // Assess
    expect(code).toBe(2);
    expect(printer.err).toContain('try --limit 10');
  });

  it('exits 2 on an unknown option and on an unknown command', async () => {
    // Prepare
    const { ctx } = context();

    // Act & Assess
    expect(await runCli(['dlq', 'list', '--nope'], [echo], ctx)).toBe(2);
    expect(await runCli(['frobnicate'], [echo], ctx)).toBe(2);
  });

  it('prints the usage of a command on --help', async () => {
    // Prepare
    const { printer, ctx } = context();

    // Act
    const code = await runCli(['dlq', 'list', '--help'], [echo], ctx);

    // Assess
    expect(code).toBe(0);
    expect(printer.out.join('\n')).toContain('copy-autopilot dlq list [--limit N]');
  });

  it('prints the version on --version and -V', async () => {
    // Prepare
    const { printer, ctx } = context();

    // Act
    const long = await runCli(['--version'], [echo], ctx, { version: '1.2.3' });
    const short = await runCli(['-V'], [echo], ctx, { version: '1.2.3' });

    // Assess
    expect([long, short]).toEqual([0, 0]);
    expect(printer.out).toEqual(['1.2.3', '1.2.3']);
  });

  it('documents the four exit codes in the top-level help and in every command help', async () => {
    // Prepare
    const { printer, ctx } = context();
    const lines = (from: number) => printer.out.slice(from).join('\n');

    // Act
    await runCli(['--help'], [echo], ctx);
    const topLevel = lines(0);
    const before = printer.out.length;
    await runCli(['dlq', 'list', '--help'], [{ ...echo, notOk: 'the list is empty' }], ctx);
    const perCommand = lines(before);

    // Assess
    for (const help of [topLevel, perCommand]) {
      expect(help).toMatch(
        /Exit codes:\n {2}0 {2}OK\n {2}1 {2}.+\n {2}2 {2}usage error.+\n {2}3 {2}runtime failure/,
      );
    }
    expect(perCommand).toContain('  1  the list is empty');
  });

  it('prints the raw name and message of a failure it has no explanation for, exit 3', async () => {
    // Prepare
    const { printer, ctx } = context();
    const failing: Command = { ...echo, run: async () => Promise.reject(new RangeError('boom')) };

    // Act
    const code = await runCli(['dlq', 'list'], [failing], ctx);

    // Assess
    expect(code).toBe(3);
    expect(printer.err).toEqual(['error: RangeError: boom']);
  });
});

describe('Function: readPackageVersion', () => {
  it("reads package.json's version", async () => {
    // Prepare
    const { readFile } = await import('node:fs/promises');
    const expected = JSON.parse(await readFile('package.json', 'utf8')).version;

    // Act & Assess
    expect(readPackageVersion()).toBe(expected);
  });
});

describe('Function: formatTable', () => {
  it('aligns columns and shows missing values as a dash', () => {
    // Act
    const text = formatTable([{ name: 'prod-a', verdict: 'protected' }, { name: 'b' }], ['name', 'verdict']);

    // Assess
    expect(text).toBe('NAME    VERDICT\nprod-a  protected\nb       -\n');
  });
});
