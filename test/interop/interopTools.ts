import { execFile } from 'node:child_process';

/**
 * The implementations outside npm that `npm run test:interop` drives, each with the command
 * that installs it. The preflight (preflight.ts) checks them all before any suite runs, and the
 * suites spawn them only through `runTool` / `toolSpawnError`, so a missing one is always an
 * error that names it.
 */
export interface InteropTool {
  /** What a person reads: the tool and the version the suites expect. */
  readonly name: string;
  /** The executable the suites spawn. */
  readonly command: string;
  /** The command that installs it. */
  readonly install: string;
  /** Arguments of a quick run that proves the tool is there and says its version. */
  readonly probeArgs: readonly string[];
  /** What is wrong with the probe's output (stdout and stderr together), or undefined when it fits. */
  readonly misfit: (output: string) => string | undefined;
}

/** moto's version the differential's known divergences were written against. */
export const MOTO_VERSION = '5.2.1';

const versionMisfit =
  (pattern: RegExp, expected: string) =>
  (output: string): string | undefined =>
    pattern.test(output) ? undefined : `expected ${expected}, found: ${firstLine(output) || 'no version'}`;

/** Where Debian's AWS CLI v2 is: /usr/bin/aws, as `apt-get install awscli` puts it, unless told otherwise. */
const DEBIAN_AWS_CLI = process.env.DEBIAN_AWS_CLI || '/usr/bin/aws';

export const INTEROP_TOOLS = {
  /** moto's server for the differential tests; boto3 for the boto3 clients. */
  python: {
    name: `python3 with moto ${MOTO_VERSION} and boto3`,
    command: 'python3',
    install: `pip install 'moto[server]==${MOTO_VERSION}' boto3`,
    probeArgs: ['-c', 'import boto3, moto, moto.server; print("moto", moto.__version__)'],
    misfit: versionMisfit(
      new RegExp(`^moto ${MOTO_VERSION.replaceAll('.', '\\.')}$`, 'm'),
      `moto ${MOTO_VERSION}`,
    ),
  },
  /** The AWS CLI v1 first on PATH: SQS over its JSON protocol (botocore). */
  awsCliV1: {
    name: 'the AWS CLI v1 on PATH',
    command: 'aws',
    install: 'pip install awscli',
    probeArgs: ['--version'],
    misfit: versionMisfit(/^aws-cli\/1\./m, 'aws-cli/1.x first on PATH'),
  },
  /**
   * Debian's packaged AWS CLI v2 (2.9), which still speaks SQS's query protocol. DEBIAN_AWS_CLI
   * names another executable that runs it (say, a script running `/usr/bin/python3 -m awscli`).
   */
  debianAwsCliV2: {
    name: `Debian's AWS CLI v2 at ${DEBIAN_AWS_CLI}`,
    command: DEBIAN_AWS_CLI,
    install: 'apt-get install -y awscli',
    probeArgs: ['--version'],
    misfit: versionMisfit(/^aws-cli\/2\./m, 'aws-cli/2.x'),
  },
  /** The CloudFormation linter, run on the packaged template and the member-account template. */
  cfnLint: {
    name: 'cfn-lint',
    command: 'cfn-lint',
    install: 'pip install cfn-lint',
    probeArgs: ['--version'],
    misfit: versionMisfit(/^cfn-lint \d/m, 'cfn-lint <version>'),
  },
} as const satisfies Record<string, InteropTool>;

/** Base of the errors an interop tool run ends in; `tool` says which one. */
export class InteropToolError extends Error {
  public readonly tool: InteropTool;
  public constructor(tool: InteropTool, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InteropToolError';
    this.tool = tool;
  }
}

/** The tool's executable is not there (spawn ENOENT), or not executable. */
export class ToolMissingError extends InteropToolError {
  public constructor(tool: InteropTool, options?: ErrorOptions) {
    super(
      tool,
      `${tool.name} is missing (${tool.command}: not found); install it with: ${tool.install}`,
      options,
    );
    this.name = 'ToolMissingError';
  }
}

/** The tool ran and failed: non-zero exit, killed, or timed out. */
export class ToolFailedError extends InteropToolError {
  public constructor(tool: InteropTool, message: string, options?: ErrorOptions) {
    super(tool, message, options);
    this.name = 'ToolFailedError';
  }
}

/** The first of `texts` with something in it, trimmed: an error message never ends in nothing. */
export function printedText(...texts: readonly string[]): string {
  return texts.map((text) => text.trim()).find((text) => text !== '') ?? '(it printed nothing)';
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

const MISSING_CODES: ReadonlySet<string> = new Set(['ENOENT', 'EACCES']);

/**
 * The error a spawned tool's 'error' event stands for. Listen for that event on every child
 * (`child.once('error', …)`): without a listener, a missing executable is an uncaught exception.
 */
export function toolSpawnError(tool: InteropTool, error: unknown): InteropToolError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && MISSING_CODES.has(code)) return new ToolMissingError(tool, { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new ToolFailedError(tool, `${tool.command} could not be started: ${detail}`, { cause: error });
}

export interface ToolRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface RunToolOptions {
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Exit codes that are answers rather than failures (cfn-lint exits 4 when it found warnings). */
  readonly acceptedExitCodes?: readonly number[];
}

/**
 * Runs a tool to completion. Resolves with its output when it exits 0 (or with an accepted
 * code); otherwise rejects with ToolMissingError or ToolFailedError, whose message names the
 * command and carries what the tool printed, never an empty reason.
 */
export function runTool(tool: InteropTool, options: RunToolOptions): Promise<ToolRun> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    execFile(
      tool.command,
      options.args,
      { cwd: options.cwd, env: options.env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = typeof error?.code === 'number' ? error.code : error ? -1 : 0;
        if (!error || options.acceptedExitCodes?.includes(exitCode)) {
          resolve({ stdout, stderr, exitCode });
          return;
        }
        if (typeof error.code === 'string') {
          reject(toolSpawnError(tool, error));
          return;
        }
        const command = [tool.command, ...options.args].join(' ');
        const how = error.killed ? `was stopped after ${timeoutMs} ms` : `failed with exit code ${exitCode}`;
        reject(
          new ToolFailedError(tool, `${command} ${how}: ${printedText(stderr, stdout)}`, { cause: error }),
        );
      },
    );
  });
}

/** One tool as the preflight found it. */
export interface ToolStatus {
  readonly tool: InteropTool;
  /** undefined when the tool is there and fits; otherwise what is wrong. */
  readonly problem?: string;
  /** The probe's first line (its version) when it fits. */
  readonly version?: string;
}

/** Probes one tool: present, runnable, and the version the suites expect. */
export async function checkTool(tool: InteropTool, env?: NodeJS.ProcessEnv): Promise<ToolStatus> {
  try {
    const { stdout, stderr } = await runTool(tool, { args: tool.probeArgs, env, timeoutMs: 30_000 });
    const output = `${stdout}\n${stderr}`;
    const problem = tool.misfit(output);
    return problem === undefined ? { tool, version: firstLine(output) } : { tool, problem };
  } catch (error) {
    if (error instanceof ToolMissingError) return { tool, problem: `${tool.command}: not found` };
    const detail = error instanceof Error ? error.message : String(error);
    // The last line of a Python traceback names what is missing ("No module named 'moto'").
    return { tool, problem: detail.trim().split('\n').at(-1) ?? detail };
  }
}

/** The preflight's report: one line per tool, then a verdict. `ok` is false when any is missing. */
export function preflightReport(statuses: readonly ToolStatus[]): { ok: boolean; lines: string[] } {
  const missing = statuses.filter((status) => status.problem !== undefined);
  const lines = [
    'npm run test:interop drives these tools:',
    ...statuses.map((status) =>
      status.problem === undefined
        ? `  ok       ${status.tool.name} (${status.version})`
        : `  MISSING  ${status.tool.name}: ${status.problem}\n           install: ${status.tool.install}`,
    ),
  ];
  if (missing.length > 0) {
    lines.push(
      `${missing.length} of ${statuses.length} missing: install ${missing.length === 1 ? 'it' : 'them'} ` +
        'and run again (no interop suite is skipped).',
    );
  }
  return { ok: missing.length === 0, lines };
}
