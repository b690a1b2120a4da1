import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exerciseCloudFormation } from '../../docs/exercisers/cloudFormationExerciser.js';
import type { CommandRun, Exerciser, SessionContext } from '../../docs/exercisers/types.js';
import { INTEROP_TOOLS, type InteropTool, runTool, ToolFailedError } from '../interopTools.js';

/**
 * Empty AWS config and credentials files: the docs' AWS CLI lines run as on a machine whose only
 * AWS setup is what the page exports.
 */
const cleanHome = mkdtempSync(join(tmpdir(), 'copy-autopilot-docs-aws-'));
writeFileSync(join(cleanHome, 'config'), '');
writeFileSync(join(cleanHome, 'credentials'), '');

/** The AWS CLI a docs line names: `aws` is the v1 on PATH, `/usr/bin/aws` Debian's v2. */
function toolOf(program: string | undefined): InteropTool {
  return program === '/usr/bin/aws' ? INTEROP_TOOLS.debianAwsCliV2 : INTEROP_TOOLS.awsCliV1;
}

async function runAws(
  words: readonly string[],
  session: SessionContext,
  defaults: NodeJS.ProcessEnv = {},
): Promise<CommandRun> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_CONFIG_FILE: join(cleanHome, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(cleanHome, 'credentials'),
    AWS_PAGER: '',
    ...defaults,
    ...session.exported(),
  };
  try {
    const { stdout, stderr, exitCode } = await runTool(toolOf(words[0]), {
      args: words.slice(1),
      cwd: session.repoRoot,
      env,
      timeoutMs: 90_000,
    });
    return { exitCode, output: `${stdout}${stderr}`, via: `${words[0]} (${toolOf(words[0]).name})` };
  } catch (error) {
    if (!(error instanceof ToolFailedError)) throw error;
    const code = /failed with exit code (\d+)/.exec(error.message)?.[1];
    return { exitCode: code === undefined ? -1 : Number(code), output: error.message };
  }
}

/** `aws …` and `/usr/bin/aws …` lines: the real AWS CLI, against the page's local cloud. */
export const exerciseAwsCli: Exerciser = (words, session) => runAws(words, session);

/**
 * `aws cloudformation …` lines: the offline check of `npm test`, then the real AWS CLI. The local
 * cloud has no CloudFormation, so the call is answered InvalidAction; getting that answer proves
 * the CLI accepted every option and parameter (a usage or parameter error stops it before any
 * request).
 */
export const exerciseCloudFormationWithAwsCli: Exerciser = async (words, session) => {
  const offline = await exerciseCloudFormation(words, session);
  if (offline.exitCode !== 0) return offline;
  const { url } = await session.cloud();
  // Written for your AWS setup: the page exports none, so the test gives a region and dummy keys.
  const run = await runAws([words[0] ?? 'aws', '--endpoint-url', url, ...words.slice(1)], session, {
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  const reachedService = /An error occurred \(InvalidAction\)/.test(run.output);
  return reachedService
    ? { exitCode: 0, output: run.output, via: `${offline.via ?? ''}; the AWS CLI accepted it` }
    : { exitCode: run.exitCode === 0 ? 1 : run.exitCode, output: run.output };
};
