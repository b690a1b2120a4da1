import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArguments } from '../../../bench/benchArguments.js';
import { BENCHMARKS } from '../../../bench/benchmarks.js';
import { parseChaosArguments } from '../../../chaos/chaosArguments.js';
import { exerciseCli } from './cliExerciser.js';
import { exerciseOsls } from './oslsExerciser.js';
import { type CommandRun, type Exerciser, NotExercisableError, type SessionContext } from './types.js';

/** The CLI run from its sources: `npm start` and `npm run policy:check` are this plus words. */
const CLI_SCRIPT = 'tsx src/cli/index.ts ';

/**
 * npm commands the docs may show, and how the docs test exercises each. A script that is not
 * here fails the test: add it with a way to exercise it.
 */
const SCRIPTS: Readonly<Record<string, Exerciser>> = {
  // npm test is the suite this test belongs to; `.ci/run` runs it.
  test: async (args, session) => ranBy(session, '.ci/run', 'npm test', args),
  // The suites that drive tools outside npm; `.ci/run` runs them after npm test.
  'test:interop': async (args, session) => ranBy(session, '.ci/run', 'npm run test:interop', args),
  // npm audit needs the registry's advisory endpoint: its own config, run on demand.
  'test:audit': async (args, session) => ranBy(session, 'vitest.audit.config.ts', 'test/security', args),
  bench: async (args) => parsedBy('npm run bench', () => parseBenchArguments(args, benchmarkNames())),
  chaos: async (args) => parsedBy('npm run chaos', () => parseChaosArguments(args)),
};

function benchmarkNames(): string[] {
  return BENCHMARKS.map((benchmark) => benchmark.name);
}

/**
 * `npm ci`, `npm start`, `npm test`, `npm run <script> [-- args]`: the script must exist in
 * package.json; then a script that runs the CLI runs as the CLI, one that runs osls as osls,
 * and the others as SCRIPTS says.
 */
export async function exerciseNpm(words: readonly string[], session: SessionContext): Promise<CommandRun> {
  const [, verb, ...rest] = words;
  if (verb === 'ci') return ranBy(session, '.ci/run', 'npm ci', rest);
  const name = verb === 'run' ? rest[0] : verb;
  const afterName = verb === 'run' ? rest.slice(1) : rest;
  const args = afterName[0] === '--' ? afterName.slice(1) : afterName;
  if (name === undefined || (verb !== 'run' && !['start', 'test'].includes(verb ?? ''))) {
    throw new NotExercisableError(`npm ${verb ?? ''}: the docs test knows npm ci, start, test and run`);
  }
  const script = scriptsOf(session.repoRoot)[name];
  if (script === undefined) return { exitCode: 1, output: `package.json has no script "${name}"` };
  if (script.startsWith(CLI_SCRIPT)) {
    return exerciseCli(['copy-autopilot', ...script.slice(CLI_SCRIPT.length).split(' '), ...args], session);
  }
  if (script.startsWith('osls ')) return exerciseOsls(['npx', ...script.split(' '), ...args], session);
  const exercise = SCRIPTS[name];
  if (exercise === undefined) {
    throw new NotExercisableError(
      `npm run ${name}: no way to exercise it (add it to SCRIPTS in ${import.meta.url})`,
    );
  }
  return exercise(args, session);
}

function scriptsOf(repoRoot: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return manifest.scripts ?? {};
}

/** Checked where it runs: `file` must contain `command`, and the docs line must add no arguments. */
function ranBy(session: SessionContext, file: string, command: string, args: readonly string[]): CommandRun {
  if (args.length > 0) {
    throw new NotExercisableError(
      `${command} with arguments (${args.join(' ')}): the docs test runs it bare`,
    );
  }
  const path = join(session.repoRoot, file);
  if (!existsSync(path) || !readFileSync(path, 'utf8').includes(command)) {
    return { exitCode: 1, output: `${file} does not run "${command}"` };
  }
  return { exitCode: 0, output: '', via: `run by ${file}` };
}

/** The script's own argument parser accepts the arguments (exit 2 and its message if not). */
function parsedBy(script: string, parse: () => unknown): CommandRun {
  try {
    parse();
    return { exitCode: 0, output: '', via: `arguments accepted by the parser of ${script}` };
  } catch (error) {
    return { exitCode: 2, output: error instanceof Error ? error.message : String(error) };
  }
}
