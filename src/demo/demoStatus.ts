import type { CommandContext } from '../cli/command.js';
import { status } from '../cli/commands/status.js';
import { createMemoryPrinter, type Printer } from '../cli/printer.js';
import { runCli } from '../cli/run.js';
import type { StatusObservation } from './demoVerdicts.js';

/** `copy-autopilot status` as the demo ran it, and what it printed. */
export interface StatusRun extends StatusObservation {
  /** The command line, as an operator would type it against the local cloud. */
  readonly command: string;
  /** Its standard output: the per-target summary, the non-compliant namespaces, the summary line. */
  readonly lines: readonly string[];
}

/**
 * Runs the CLI's `status` command (its parsing, target resolution, member-role access and
 * report: the same code an operator runs) over the policy's scope, as the central account,
 * against the local cloud at `url`. No --accounts/--regions: the scope decides.
 */
export async function runStatus(options: {
  readonly url: string;
  readonly region: string;
  readonly policyFile: string;
  readonly serviceDir: string;
}): Promise<StatusRun> {
  const argv = ['status', '--policy', options.policyFile, '--endpoint-url', options.url];
  const printer = tableRecordingPrinter();
  const context: CommandContext = {
    printer,
    // No credentials: at a loopback endpoint the CLI signs with the local cloud's own (the
    // central account's), as it would for an operator with no AWS setup at all.
    env: { AWS_REGION: options.region },
    cwd: options.serviceDir,
    interrupted: new Promise(() => undefined),
    confirm: async () => false,
  };
  const exitCode = await runCli(argv, [status], context);
  return {
    command: `AWS_REGION=${options.region} copy-autopilot ${argv.join(' ')}`,
    exitCode,
    lines: printer.out,
    // The first table `status` prints is its per-target summary.
    targets: printer.tables[0] ?? [],
  };
}

/** A memory printer that also keeps the rows of every table, so the summary is read as data, not parsed back. */
function tableRecordingPrinter(): Printer & {
  readonly out: string[];
  readonly tables: Readonly<Record<string, unknown>>[][];
} {
  const printer = createMemoryPrinter();
  const tables: Readonly<Record<string, unknown>>[][] = [];
  return {
    ...printer,
    tables,
    table: (rows, columns) => {
      tables.push([...rows]);
      printer.table(rows, columns);
    },
  };
}
