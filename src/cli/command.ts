import type { ParseArgsConfig } from 'node:util';
import type { Printer } from './printer.js';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** What a command gets besides its arguments: where to print, the environment, the working directory. */
export interface CommandContext {
  readonly printer: Printer;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Resolves when the user interrupts (Ctrl-C); long-running commands stop on it. */
  readonly interrupted: Promise<void>;
  /** Asks a yes/no question on the terminal; false when there is none. */
  confirm(question: string): Promise<boolean>;
}

export interface ParsedArguments {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * One CLI command: its words (`['dlq', 'list']`), its options (node:util parseArgs), and a run
 * function that returns the exit code. Errors a user can fix are thrown as UsageError.
 */
export interface Command {
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  readonly options: OptionsConfig;
  readonly allowPositionals?: boolean;
  /** What exit code 1 means for this command (`--help` lists it with the codes all commands share). */
  readonly notOk?: string;
  run(args: ParsedArguments, context: CommandContext): Promise<number>;
}
