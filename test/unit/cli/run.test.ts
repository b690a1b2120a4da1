import { describe, expect, it } from 'vitest';
import type { Command, CommandContext } from '../../../src/cli/command.js';
import { UsageError } from '../../../src/cli/errors.js';
import { createMemoryPrinter, formatTable } from '../../../src/cli/printer.js';
import { runCli } from '../../../src/cli/run.js';

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
});

describe('Function: formatTable', () => {
  it('aligns columns and shows missing values as a dash', () => {
    // Act
    const text = formatTable([{ name: 'prod-a', verdict: 'protected' }, { name: 'b' }], ['name', 'verdict']);

    // Assess
    expect(text).toBe('NAME    VERDICT\nprod-a  protected\nb       -\n');
  });
});
