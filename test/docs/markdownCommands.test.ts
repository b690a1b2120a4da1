import { describe, expect, it } from 'vitest';
import { readPageCommands, trailingComment } from './markdownCommands.js';

const PAGE = [
  '# A page',
  'Run `copy-autopilot status --regions us-east-1` or `npm run bench`.',
  '```sh',
  '# a comment, not a command',
  'npx copy-autopilot policy check',
  'npx copy-autopilot policy check bad.yml   # exit 1',
  'npx osls deploy --stage prod \\',
  '  --region us-east-1',
  '```',
  '```console',
  '$ copy-autopilot status   # exit 0 within 30 s',
  'ACCOUNT  REGION',
  '$ aws sqs list-queues \\',
  '    --queue-name-prefix x',
  '{}',
  '```',
  '```text',
  'not a command',
  '```',
].join('\n');

describe('Function: readPageCommands', () => {
  it('reads the lines of sh blocks and the prompts of console blocks, continuations joined', () => {
    // Act
    const { blocks, problems } = readPageCommands('docs/x.md', PAGE);

    // Assess
    expect(problems).toEqual([]);
    expect(blocks.map((block) => block.language)).toEqual(['sh', 'console']);
    expect(blocks.flatMap((block) => block.commands)).toEqual([
      { page: 'docs/x.md', line: 5, text: 'npx copy-autopilot policy check', expect: { exitCode: 0 } },
      {
        page: 'docs/x.md',
        line: 6,
        text: 'npx copy-autopilot policy check bad.yml   # exit 1',
        expect: { exitCode: 1 },
      },
      {
        page: 'docs/x.md',
        line: 7,
        text: 'npx osls deploy --stage prod --region us-east-1',
        expect: { exitCode: 0 },
      },
      {
        page: 'docs/x.md',
        line: 11,
        text: 'copy-autopilot status   # exit 0 within 30 s',
        expect: { exitCode: 0, withinSeconds: 30 },
      },
      {
        page: 'docs/x.md',
        line: 13,
        text: 'aws sqs list-queues --queue-name-prefix x',
        expect: { exitCode: 0 },
      },
    ]);
  });

  it('collects inline code that names a command', () => {
    // Act
    const { inline } = readPageCommands('docs/x.md', PAGE);

    // Assess
    expect(inline).toEqual([
      { page: 'docs/x.md', line: 2, text: 'copy-autopilot status --regions us-east-1' },
      { page: 'docs/x.md', line: 2, text: 'npm run bench' },
    ]);
  });

  it.each([
    ['a prompt in a plain block', '```\n$ copy-autopilot status\n```', /mark the block ```console/],
    ['a prompt in a text block', '```text\n$ npm test\n```', /a "\$ " command in a ```text block/],
    ['an expectation it cannot read', '```sh\nnpm test # exit one\n```', /is not "# exit N"/],
    ['a block never closed', '```sh\nnpm test\n', /never closed/],
  ])('reports %s', (_case, markdown, problem) => {
    // Act
    const { problems } = readPageCommands('docs/x.md', markdown);

    // Assess
    expect(problems).toEqual([expect.stringMatching(problem)]);
  });
});

describe('Function: trailingComment', () => {
  it.each([
    ['npm test # exit 1', 'exit 1'],
    ['curl -d \'{"a":"#x"}\' url', ''],
    ['echo a#b', ''],
    ['echo "# not" # yes', 'yes'],
  ])('reads the comment of %s', (line, comment) => {
    // Assess
    expect(trailingComment(line)).toBe(comment);
  });
});
