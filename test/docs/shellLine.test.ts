import { describe, expect, it } from 'vitest';
import { assignmentsOf, parseShellLine, ShellSyntaxError } from './shellLine.js';

const variables = (name: string) => ({ E: 'http://127.0.0.1:4566', ACCOUNT: '111111111111' })[name];

describe('Function: parseShellLine', () => {
  it('splits words on blanks, removes quotes and expands variables as sh does', () => {
    // Act
    const line = parseShellLine(
      `aws --endpoint-url $E sqs x --queue-url "\${E}/000000000000/q" --query 'a[].[b,c]' --body x\\ y # exit 0`,
      variables,
    );

    // Assess
    expect(line).toEqual({
      commands: [
        {
          words: [
            'aws',
            '--endpoint-url',
            'http://127.0.0.1:4566',
            'sqs',
            'x',
            '--queue-url',
            'http://127.0.0.1:4566/000000000000/q',
            '--query',
            'a[].[b,c]',
            '--body',
            'x y',
          ],
        },
      ],
      comment: 'exit 0',
    });
  });

  it('runs the commands of an && list in order', () => {
    // Act
    const line = parseShellLine('npm ci && npm start', variables);

    // Assess
    expect(line.commands.map((command) => command.words)).toEqual([
      ['npm', 'ci'],
      ['npm', 'start'],
    ]);
  });

  it.each([
    ['a pipe', 'copy-autopilot status | head'],
    ['a redirection', 'copy-autopilot status --output csv > audit.csv'],
    ['a sequence', 'npm ci; npm test'],
    ['a background job', 'copy-autopilot local serve &'],
    ['command substitution', 'echo "$(date)"'],
    ['an unset variable', 'echo $NOPE'],
    ['an unterminated quote', "echo 'a"],
  ])('refuses %s', (_case, text) => {
    // Assess
    expect(() => parseShellLine(text, variables)).toThrow(ShellSyntaxError);
  });
});

describe('Function: assignmentsOf', () => {
  it.each([
    [
      ['export', 'A=1', 'B=two words'],
      [
        ['A', '1'],
        ['B', 'two words'],
      ],
    ],
    [['E=http://x'], [['E', 'http://x']]],
    [['A=1', 'npm', 'test'], undefined],
    [['export'], undefined],
  ])('reads %j', (words, assignments) => {
    // Assess
    expect(assignmentsOf(words)).toEqual(assignments);
  });
});
