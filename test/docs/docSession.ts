import { startLocalAutomation } from '../../src/local/runner/startLocalAutomation.js';
import { exerciseCli, IMPLICIT_REGION } from './exercisers/cliExerciser.js';
import { exerciseCloudFormation } from './exercisers/cloudFormationExerciser.js';
import { exerciseCurl } from './exercisers/curlExerciser.js';
import { exerciseNpm } from './exercisers/npmExerciser.js';
import { exerciseOsls } from './exercisers/oslsExerciser.js';
import {
  type CommandRun,
  type Exerciser,
  NotExercisableError,
  type SessionCloud,
  type SessionContext,
} from './exercisers/types.js';
import type { DocBlock, DocCommand } from './markdownCommands.js';
import { fillPlaceholders } from './placeholders.js';
import { assignmentsOf, parseShellLine } from './shellLine.js';

/** What a docs command line runs: each kind has its exerciser. */
export type CommandKind = 'assignment' | 'cli' | 'npm' | 'osls' | 'curl' | 'aws' | 'cloudformation';

/** `npm-test`: everything but the AWS CLI; `interop`: everything, the AWS CLI included. */
export type RunMode = 'npm-test' | 'interop';

export interface CommandResult {
  readonly command: DocCommand;
  readonly status: 'passed' | 'failed' | 'deferred';
  /** How it was exercised, or why it failed. */
  readonly detail: string;
}

export interface SessionOptions {
  readonly repoRoot: string;
  readonly mode: RunMode;
  /** Exercisers the mode adds or replaces (interop: the AWS CLI). */
  readonly exercisers?: Partial<Record<CommandKind, Exerciser>>;
}

const EXERCISERS: Partial<Record<CommandKind, Exerciser>> = {
  cli: exerciseCli,
  npm: exerciseNpm,
  osls: exerciseOsls,
  curl: exerciseCurl,
  cloudformation: exerciseCloudFormation,
};

/** The docs' address of the local cloud, as `local serve` starts it by default. */
const LOCAL_CLOUD_ADDRESS = /(?:http:\/\/)?(?:127\.0\.0\.1|localhost):4566/;
const RETRY_INTERVAL_MS = 500;

/** `NAME=value` words before a command (`AWS_ACCESS_KEY_ID=111111111111 aws …`). */
function leadingAssignments(words: readonly string[]): [string, string][] {
  const assignments: [string, string][] = [];
  for (const word of words) {
    const pair = assignmentsOf([word]);
    if (pair === undefined || word === 'export') break;
    assignments.push(...pair);
  }
  return assignments;
}

/** Which exerciser a command's words go to; undefined = the docs test cannot run it. */
export function kindOf(words: readonly string[]): CommandKind | undefined {
  if (assignmentsOf(words) !== undefined) return 'assignment';
  const command = words.slice(leadingAssignments(words).length);
  const [first, second] = command;
  if (first === 'copy-autopilot' || (first === 'npx' && second === 'copy-autopilot')) return 'cli';
  if (first === 'npx' && second === 'osls') return 'osls';
  if (first === 'npm') return 'npm';
  if (first === 'curl') return 'curl';
  if (first === 'aws' || first === '/usr/bin/aws')
    return second === 'cloudformation' ? 'cloudformation' : 'aws';
  return undefined;
}

/** The kinds of a command's parts, read without running anything (variables not yet known). */
export function kindsOf(command: DocCommand): (CommandKind | undefined)[] {
  const line = parseShellLine(fillPlaceholders(command.text), (name) => `$${name}`);
  return line.commands.map((part) => kindOf(part.words));
}

/**
 * The commands of one page, run in order in one session: the variables its lines export, and
 * the local cloud its `copy-autopilot local serve` line starts (or the test starts, for a page
 * whose commands are written for AWS). In `npm-test` mode a block holding an AWS CLI line is
 * deferred whole, to `npm run test:interop`, which runs the page again with every block.
 */
export class DocSession implements SessionContext {
  public readonly repoRoot: string;
  private readonly mode: RunMode;
  private readonly exercisers: Partial<Record<CommandKind, Exerciser>>;
  private readonly variables = new Map<string, { value: string; exported: boolean }>();
  private sessionCloud: SessionCloud | undefined;
  private startingCloud: Promise<SessionCloud> | undefined;

  public constructor(options: SessionOptions) {
    this.repoRoot = options.repoRoot;
    this.mode = options.mode;
    this.exercisers = { ...EXERCISERS, ...options.exercisers };
  }

  /** Runs every block of a page; a failure is reported and the page carries on. */
  public async runBlocks(blocks: readonly DocBlock[]): Promise<CommandResult[]> {
    const results: CommandResult[] = [];
    for (const block of blocks) {
      const deferred = this.mode === 'npm-test' && block.commands.some((command) => isAwsCliLine(command));
      for (const command of block.commands) {
        results.push(
          deferred
            ? {
                command,
                status: 'deferred',
                detail: 'its block has an AWS CLI line: npm run test:interop runs it',
              }
            : await this.run(command),
        );
      }
    }
    return results;
  }

  public async close(): Promise<void> {
    const cloud = this.sessionCloud;
    this.sessionCloud = undefined;
    await cloud?.close();
  }

  public exported(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, { value, exported }] of this.variables) if (exported) env[name] = value;
    return env;
  }

  public currentCloud(): SessionCloud | undefined {
    return this.sessionCloud;
  }

  public adoptCloud(cloud: SessionCloud): void {
    if (this.sessionCloud !== undefined) throw new NotExercisableError('a second local cloud on one page');
    this.sessionCloud = cloud;
  }

  /** The page's cloud; for a page that started none, the automation deployed as stage prod. */
  public async cloud(): Promise<SessionCloud> {
    if (this.sessionCloud !== undefined) return this.sessionCloud;
    this.startingCloud ??= startLocalAutomation({
      serviceDir: this.repoRoot,
      port: 0,
      stage: 'prod',
      region: IMPLICIT_REGION,
    }).then((automation) => {
      this.sessionCloud = { url: automation.url, origin: 'implicit', close: () => automation.close() };
      return this.sessionCloud;
    });
    return this.startingCloud;
  }

  private async run(command: DocCommand): Promise<CommandResult> {
    const deadline = performance.now() + (command.expect.withinSeconds ?? 0) * 1000;
    try {
      for (;;) {
        const run = await this.runLine(command);
        if (run.exitCode === command.expect.exitCode) {
          return { command, status: 'passed', detail: run.via ?? `exit ${run.exitCode}` };
        }
        if (performance.now() >= deadline) {
          return {
            command,
            status: 'failed',
            detail: `exit ${run.exitCode}, expected ${command.expect.exitCode}: ${tail(run.output)}`,
          };
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_INTERVAL_MS));
      }
    } catch (error) {
      return { command, status: 'failed', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** One line: its `&&` parts in order, each but the last expected to exit 0. */
  private async runLine(command: DocCommand): Promise<CommandRun> {
    const line = parseShellLine(fillPlaceholders(command.text), (name) => this.variables.get(name)?.value);
    let last: CommandRun = { exitCode: 0, output: '' };
    for (const [index, part] of line.commands.entries()) {
      last = await this.runPart(await this.toLocalCloud(part.words));
      if (index < line.commands.length - 1 && last.exitCode !== 0) return last;
    }
    return last;
  }

  private async runPart(words: readonly string[]): Promise<CommandRun> {
    const kind = kindOf(words);
    if (kind === 'assignment') {
      for (const [name, value] of assignmentsOf(words) ?? []) {
        this.variables.set(name, { value, exported: words[0] === 'export' || this.isExported(name) });
      }
      return { exitCode: 0, output: '' };
    }
    const prefix = leadingAssignments(words);
    if (prefix.length > 0)
      return this.withEnvironment(prefix, () => this.runPart(words.slice(prefix.length)));
    const exercise = kind === undefined ? undefined : this.exercisers[kind];
    if (exercise === undefined) {
      throw new NotExercisableError(
        `the docs test has no way to exercise "${words[0] ?? ''}" lines${kind === 'aws' ? ' in npm test' : ''}`,
      );
    }
    return exercise(words, this);
  }

  /** `NAME=value command`: the command sees NAME in its environment; the page's variables do not change. */
  private async withEnvironment(
    assignments: readonly (readonly [string, string])[],
    run: () => Promise<CommandRun>,
  ): Promise<CommandRun> {
    const saved = new Map(this.variables);
    for (const [name, value] of assignments) this.variables.set(name, { value, exported: true });
    try {
      return await run();
    } finally {
      this.variables.clear();
      for (const [name, variable] of saved) this.variables.set(name, variable);
    }
  }

  private isExported(name: string): boolean {
    return this.variables.get(name)?.exported === true;
  }

  /** The docs' 127.0.0.1:4566 is wherever the page's cloud listens. */
  private async toLocalCloud(words: readonly string[]): Promise<string[]> {
    if (!words.some((word) => LOCAL_CLOUD_ADDRESS.test(word))) return [...words];
    const { url } = await this.cloud();
    return words.map((word) => word.replace(new RegExp(LOCAL_CLOUD_ADDRESS, 'g'), url));
  }
}

/** A line that talks to the local cloud through the AWS CLI (not a CloudFormation line, checked offline). */
function isAwsCliLine(command: DocCommand): boolean {
  try {
    return kindsOf(command).includes('aws');
  } catch {
    return false;
  }
}

function tail(output: string): string {
  const lines = output.trim().split('\n');
  return lines.slice(-8).join('\n') || '(it printed nothing)';
}
