import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PackageError, packageTemplate } from '../../../src/local/runner/packageService.js';
import { type CommandRun, NotExercisableError, type SessionContext } from './types.js';

/** What `osls deploy` and `osls package` are given on a docs line. */
interface OslsOptions {
  stage: string;
  region: string;
  params: Record<string, string>;
}

/** The flags the docs use, each with its value; any other flag is one the test cannot vouch for. */
const VALUE_FLAGS = new Set(['--stage', '--region', '--param']);

/**
 * `npx osls deploy …` / `npx osls package …`: run offline as `osls package` with the same
 * stage, region and parameters (packageTemplate runs the real osls, through its cache keyed by
 * everything that goes into the package). It proves the flags and parameters are what
 * serverless.yml accepts and that the policy they name builds; it does not talk to AWS.
 */
export async function exerciseOsls(words: readonly string[], session: SessionContext): Promise<CommandRun> {
  const [, , subcommand, ...flags] = words;
  if (subcommand !== 'deploy' && subcommand !== 'package') {
    throw new NotExercisableError(
      `osls ${subcommand ?? ''}: the docs test runs only deploy (as package) and package`,
    );
  }
  const options = readFlags(flags);
  const known = declaredParams(session.repoRoot);
  const unknown = Object.keys(options.params).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return {
      exitCode: 1,
      output: `serverless.yml declares no param ${unknown.join(', ')} (params.default has ${known.join(', ')})`,
    };
  }
  try {
    const packaged = await packageTemplate({ serviceDir: session.repoRoot, ...options });
    return {
      exitCode: 0,
      output: `packaged ${packaged.stackName}${packaged.fromCache ? ' (cached)' : ''}`,
      via: `osls package --stage ${options.stage} --region ${options.region} with the same params`,
    };
  } catch (error) {
    if (error instanceof PackageError) return { exitCode: 1, output: error.message };
    throw error;
  }
}

function readFlags(flags: readonly string[]): OslsOptions {
  // serverless.yml's own defaults: ${opt:stage, 'dev'} and ${opt:region, 'us-east-1'}.
  const options: OslsOptions = { stage: 'dev', region: 'us-east-1', params: {} };
  for (let index = 0; index < flags.length; index += 1) {
    const flag = flags[index] ?? '';
    const [name = '', inlineValue] = flag.split(/=(.*)/s, 2);
    if (!VALUE_FLAGS.has(name)) {
      throw new NotExercisableError(`osls flag ${name}: the docs test knows --stage, --region and --param`);
    }
    const value = inlineValue ?? flags[++index];
    if (value === undefined) throw new NotExercisableError(`osls flag ${name} has no value`);
    if (name === '--stage') options.stage = value;
    else if (name === '--region') options.region = value;
    else {
      const [param = '', paramValue] = value.split(/=(.*)/s, 2);
      if (paramValue === undefined) throw new NotExercisableError(`--param ${value} is not name=value`);
      options.params[param] = paramValue;
    }
  }
  return options;
}

/** The parameters serverless.yml declares (params.default): osls would ignore any other silently. */
function declaredParams(repoRoot: string): string[] {
  const service = parse(readFileSync(join(repoRoot, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as {
    params?: { default?: Record<string, unknown> };
  };
  return Object.keys(service.params?.default ?? {});
}
