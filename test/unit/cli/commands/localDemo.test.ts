import { describe, expect, it } from 'vitest';
import { localDemo } from '../../../../src/cli/commands/localDemo.js';
import { runCli } from '../../../../src/cli/run.js';
import { memoryContext } from './cliContext.js';

const commands = [localDemo];

describe('Command: local demo', () => {
  it('exits 2 on an --output it does not know, before booting anything', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['local', 'demo', '--output', 'JSON'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err[0]).toBe('error: --output must be table or json, got JSON');
    expect(printer.out).toEqual([]);
  });

  it('exits 2 on a --port that is not a port number', async () => {
    // Prepare
    const { printer, context } = memoryContext();

    // Act
    const code = await runCli(['local', 'demo', '--port', 'abc'], commands, context);

    // Assess
    expect(code).toBe(2);
    expect(printer.err[0]).toBe('error: --port must be a port number, got abc');
  });

  it('exits 1 with each issue of an invalid policy printed once, before booting anything', async () => {
    // Prepare
    const { printer, context } = memoryContext();
    const file = 'test/fixtures/policies/invalid.yml';

    // Act
    const code = await runCli(['local', 'demo', '--policy', file], commands, context);

    // Assess
    expect(code).toBe(1);
    expect(printer.out).toHaveLength(3);
    expect(printer.out.filter((line) => line.includes('mars-north-1'))).toHaveLength(1);
    expect(printer.err).toEqual([`${file}: invalid (3 issues)`]);
  });
});
