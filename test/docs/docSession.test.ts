import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './docPages.js';
import { DocSession } from './docSession.js';
import { readPageCommands } from './markdownCommands.js';

/** Runs one sh block in a fresh npm-test session, as the docs test runs a page. */
async function runBlock(lines: readonly string[]) {
  const { blocks } = readPageCommands('docs/example.md', ['```sh', ...lines, '```'].join('\n'));
  const session = new DocSession({ repoRoot: REPO_ROOT, mode: 'npm-test' });
  return session.runBlocks(blocks).finally(() => session.close());
}

describe('Class: DocSession', () => {
  it.each([
    ['an option the CLI does not have', 'npx copy-autopilot status --bogus', /Unknown option '--bogus'/],
    ['a command the CLI does not have', 'npx copy-autopilot purge', /no command "purge"/],
    [
      'a wrong exit code',
      'npx copy-autopilot policy check test/fixtures/policies/invalid.yml',
      /exit 1, expected 0/,
    ],
    ['an npm script package.json lacks', 'npm run deploy', /no script "deploy"/],
    ['a benchmark the bench lacks', 'npm run bench -- --only speed', /unknown benchmark: speed/],
    ['an option chaos lacks', 'npm run chaos -- --accounts 10', /Unknown option '--accounts'/],
    [
      'a param serverless.yml does not declare',
      'npx osls deploy --param="memberRoleName=x"',
      /declares no param memberRoleName/,
    ],
    [
      'a member-template parameter the template lacks',
      'aws cloudformation create-stack-set --stack-set-name x --template-body file://deploy/member-account.yml --capabilities CAPABILITY_NAMED_IAM --parameters ParameterKey=CentralRoleArn,ParameterValue=x',
      /no parameter CentralRoleArn/,
    ],
    [
      'a placeholder the table lacks',
      'npx copy-autopilot trigger <NAMESPACE>',
      /<NAMESPACE> is not in test\/docs\/placeholders.ts/,
    ],
    ['a tool it cannot run', 'terraform apply', /no way to exercise "terraform"/],
    ['a pipe', 'npx copy-autopilot status | head', /unsupported shell syntax "\|"/],
  ])('fails on %s', async (_case, line, detail) => {
    // Act
    const [result] = await runBlock([line]);

    // Assess
    expect(result).toMatchObject({ status: 'failed', detail: expect.stringMatching(detail) });
  });

  it('links npm start to the test that runs the demo, and defers AWS CLI blocks to interop', async () => {
    // Act
    const [start, ...session] = await runBlock(['npm start']);
    const deferred = await runBlock(['export AWS_REGION=us-east-1', 'aws sqs list-queues']);

    // Assess
    expect(start).toMatchObject({ status: 'passed', detail: 'parsed here; run by test/e2e/demo.test.ts' });
    expect(session).toEqual([]);
    expect(deferred.map((result) => result.status)).toEqual(['deferred', 'deferred']);
  });
});
