import { parseArgs } from 'node:util';
import type { Command, CommandContext } from './command.js';
import { UsageError } from './errors.js';

/**
 * Finds the command named by the leading words of argv, parses its options, runs it and
 * returns the exit code: 0 success, 1 the command's own "not OK" (non-compliant, invalid
 * policy…), 2 a usage error, 3 a fault.
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  context: CommandContext,
): Promise<number> {
  const { printer } = context;
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const command = findCommand(argv, commands);
  if (!command) {
    printUsage(
      commands,
      context,
      argv.length > 0 && !wantsHelp ? `unknown command: ${argv.join(' ')}` : undefined,
    );
    return argv.length === 0 || wantsHelp ? 0 : 2;
  }
  if (wantsHelp) {
    printer.line(`copy-autopilot ${command.path.join(' ')} — ${command.summary}`);
    printer.line();
    printer.line(command.usage);
    return 0;
  }
  try {
    const parsed = parseArgs({
      args: argv.slice(command.path.length) as string[],
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return await command.run(parsed, context);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      printer.note(`error: ${(error as Error).message}`);
      if (error instanceof UsageError && error.resolution) printer.note(error.resolution);
      printer.note(`see: copy-autopilot ${command.path.join(' ')} --help`);
      return 2;
    }
    printer.note(`error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 3;
  }
}

function findCommand(argv: readonly string[], commands: readonly Command[]): Command | undefined {
  return [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((command) => command.path.every((word, index) => argv[index] === word));
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function printUsage(commands: readonly Command[], context: CommandContext, problem?: string): void {
  const print = problem ? context.printer.note : context.printer.line;
  if (problem) print(`error: ${problem}`);
  print('usage: copy-autopilot <command> [options]   (--help on any command)');
  print('');
  const width = Math.max(...commands.map((command) => command.path.join(' ').length));
  for (const command of commands) print(`  ${command.path.join(' ').padEnd(width)}  ${command.summary}`);
}
