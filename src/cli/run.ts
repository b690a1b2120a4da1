import { parseArgs } from 'node:util';
import type { Command, CommandContext, ParsedArguments } from './command.js';
import { UsageError } from './errors.js';
import { explainFailure, failureContextOf } from './explainFailure.js';

/**
 * The exit codes, the same for every command: 0 success, 1 the command's own "not OK"
 * (non-compliant, invalid policy file…), 2 a usage error, 3 a runtime failure.
 */
export const ExitCode = {
  Ok: 0,
  NotOk: 1,
  Usage: 2,
  Failure: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const EXIT_CODES_HELP = (notOk: string): string =>
  [
    'Exit codes:',
    '  0  OK',
    `  1  ${notOk}`,
    '  2  usage error: an unknown command or option, a bad value, an unknown region, an unreadable file',
    '  3  runtime failure: nothing listening at the endpoint, no credentials, access denied, port in use,',
    '     any other AWS or local error',
  ].join('\n');

/** What `runCli` needs besides the commands: the version `--version` prints. */
export interface CliInfo {
  readonly version?: string;
}

/**
 * Finds the command named by the leading words of argv, parses its options, runs it and
 * returns the exit code ({@link ExitCode}). Failures a user can fix print one line with the fix
 * (see explainFailure); anything else prints its name and message.
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  context: CommandContext,
  info: CliInfo = {},
): Promise<number> {
  const { printer } = context;
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (argv[0] === '--version' || argv[0] === '-V') {
    printer.line(info.version ?? 'unknown');
    return ExitCode.Ok;
  }
  const command = findCommand(argv, commands);
  if (!command) {
    printUsage(
      commands,
      context,
      argv.length > 0 && !wantsHelp ? `unknown command: ${argv.join(' ')}` : undefined,
    );
    return argv.length === 0 || wantsHelp ? ExitCode.Ok : ExitCode.Usage;
  }
  if (wantsHelp) {
    printer.line(`copy-autopilot ${command.path.join(' ')} — ${command.summary}`);
    printer.line();
    printer.line(command.usage);
    printer.line();
    printer.line(EXIT_CODES_HELP(command.notOk ?? 'not used by this command'));
    return ExitCode.Ok;
  }
  let parsed: ParsedArguments | undefined;
  try {
    parsed = parseCommandArguments(command, argv);
    return await command.run(parsed, context);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      printer.note(`error: ${(error as Error).message}`);
      if (error instanceof UsageError && error.resolution) printer.note(error.resolution);
      printer.note(`see: copy-autopilot ${command.path.join(' ')} --help`);
      return ExitCode.Usage;
    }
    const explained = explainFailure(error, failureContextOf(parsed?.values, context.env));
    printer.note(`error: ${explained ?? rawMessage(error)}`);
    return ExitCode.Failure;
  }
}

function rawMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The command the leading words of argv name (the longest match: `dlq list` before `dlq`). */
export function findCommand(argv: readonly string[], commands: readonly Command[]): Command | undefined {
  return [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((command) => command.path.every((word, index) => argv[index] === word));
}

/**
 * The options and positionals after the command's words, as runCli gives them to the command:
 * strict, so an unknown option, or a value where none fits, throws (a usage error, exit 2).
 */
export function parseCommandArguments(command: Command, argv: readonly string[]): ParsedArguments {
  return parseArgs({
    args: argv.slice(command.path.length) as string[],
    options: command.options,
    allowPositionals: command.allowPositionals ?? false,
    strict: true,
  });
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function printUsage(commands: readonly Command[], context: CommandContext, problem?: string): void {
  const print = problem ? context.printer.note : context.printer.line;
  if (problem) print(`error: ${problem}`);
  print('usage: copy-autopilot <command> [options]   (--help on any command; --version, -V: the version)');
  print('');
  const width = Math.max(...commands.map((command) => command.path.join(' ').length));
  for (const command of commands) print(`  ${command.path.join(' ').padEnd(width)}  ${command.summary}`);
  print('');
  print(
    EXIT_CODES_HELP(
      "not OK: what each command's --help says (a namespace not compliant, an invalid policy file…)",
    ),
  );
}
