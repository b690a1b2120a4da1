import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, CommandContext } from '../../../src/cli/command.js';
import { commands } from '../../../src/cli/commands/index.js';
import { createMemoryPrinter } from '../../../src/cli/printer.js';
import { findCommand, parseCommandArguments, runCli } from '../../../src/cli/run.js';
import { readPackageVersion } from '../../../src/cli/version.js';
import { type CommandRun, type Exerciser, NotExercisableError, type SessionContext } from './types.js';

/** The environment the test gives commands written for AWS when it runs them on its own local cloud. */
export const IMPLICIT_REGION = 'us-east-1';

/**
 * Commands the docs test checks (they parse) but runs elsewhere, each with the test that runs
 * it and a string that test must contain: the link is checked, not claimed.
 */
export const RUN_ELSEWHERE: Readonly<Record<string, { readonly test: string; readonly contains: string }>> = {
  // `local demo` takes ~10 s (a namespace stays busy on purpose): demo.test.ts runs it once.
  'local demo': { test: 'test/e2e/demo.test.ts', contains: 'runDemo(' },
};

/** Commands that make no AWS call: they need no cloud. */
function isOffline(path: readonly string[], values: Record<string, unknown>): boolean {
  const name = path.join(' ');
  return name === 'policy check' || (name === 'plan' && typeof values.namespace === 'string');
}

/** The command argv names and its options as its parser reads them, or a thrown usage error. */
export function parseCliArguments(args: readonly string[]): {
  command: Command | undefined;
  values: Record<string, unknown>;
} {
  if (args.length === 0 || args[0] === '--version' || args[0] === '-V' || args.includes('--help')) {
    return { command: undefined, values: {} };
  }
  const command = findCommand(args, commands);
  if (command === undefined)
    throw new NotExercisableError(`copy-autopilot has no command "${args.join(' ')}"`);
  const { values } = parseCommandArguments(command, args);
  return { command, values };
}

/** `copy-autopilot …` / `npx copy-autopilot …`: the real CLI (runCli with every command), in-process. */
export const exerciseCli: Exerciser = async (words, session) => {
  const args = words[0] === 'npx' ? words.slice(2) : words.slice(1);
  const { command, values } = parseCliArguments(args);
  const name = command?.path.join(' ') ?? '';
  const elsewhere = RUN_ELSEWHERE[name];
  if (elsewhere !== undefined) return linkedRun(session.repoRoot, elsewhere);
  if (name === 'local serve') return startServe(args, session);
  const offline = command === undefined || isOffline(command.path, values);
  const cloud = offline ? session.currentCloud() : await session.cloud();
  const env: Record<string, string> =
    cloud?.origin === 'implicit'
      ? {
          AWS_ENDPOINT_URL: cloud.url,
          AWS_REGION: IMPLICIT_REGION,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
        }
      : {};
  return runInProcess(args, { ...env, ...session.exported() }, session.repoRoot);
};

/** Runs the CLI as bin/copy-autopilot.js would, but in this process and with a recording printer. */
export async function runInProcess(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
  interrupted: Promise<void> = new Promise(() => undefined),
): Promise<CommandRun> {
  const printer = createMemoryPrinter();
  const context: CommandContext = {
    printer,
    env,
    cwd,
    interrupted,
    // As without a terminal: commands that ask are refused unless told --yes.
    confirm: async () => false,
  };
  const exitCode = await runCli(args, commands, context, { version: readPackageVersion() });
  return { exitCode, output: [...printer.out, ...printer.err].join('\n') };
}

function linkedRun(repoRoot: string, link: { test: string; contains: string }): CommandRun {
  const path = join(repoRoot, link.test);
  if (!existsSync(path) || !readFileSync(path, 'utf8').includes(link.contains)) {
    throw new NotExercisableError(`${link.test} no longer runs it (it does not contain "${link.contains}")`);
  }
  return { exitCode: 0, output: '', via: `parsed here; run by ${link.test}` };
}

/**
 * `copy-autopilot local serve`: started for real (port 0, so tests in parallel do not collide);
 * it becomes the page's cloud, and the page's later lines talk to it. Stopped, as Ctrl-C
 * stops it, when the page ends.
 */
async function startServe(args: readonly string[], session: SessionContext): Promise<CommandRun> {
  const portAt = args.indexOf('--port');
  const withPort =
    portAt === -1 ? [...args, '--port', '0'] : args.map((a, i) => (i === portAt + 1 ? '0' : a));
  let stop: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const printer = createMemoryPrinter();
  const running = runCli(withPort, commands, {
    printer,
    env: session.exported(),
    cwd: session.repoRoot,
    interrupted,
    confirm: async () => false,
  });
  const url = await bannerUrl(printer.out, running);
  if (url === undefined) {
    return { exitCode: await running, output: [...printer.out, ...printer.err].join('\n') };
  }
  session.adoptCloud({
    url,
    origin: 'served',
    close: async () => {
      stop();
      const exitCode = await running;
      if (exitCode !== 0 || printer.err.at(-1) !== 'stopped') {
        throw new Error(`local serve ended with ${exitCode}: ${printer.err.slice(-3).join(' / ')}`);
      }
    },
  });
  return { exitCode: 0, output: printer.out.join('\n'), via: 'running until the page ends' };
}

/** Resolves with the URL once the banner ends ("Ctrl-C stops it."), or undefined if the command ended first. */
async function bannerUrl(out: readonly string[], running: Promise<number>): Promise<string | undefined> {
  let ended = false;
  void running.finally(() => {
    ended = true;
  });
  while (!ended) {
    if (out.includes('Ctrl-C stops it.')) {
      return out.map((line) => /local cloud: (http:\/\/\S+)/.exec(line)?.[1]).find(Boolean);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}
