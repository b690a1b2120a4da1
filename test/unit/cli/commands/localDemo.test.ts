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
});
