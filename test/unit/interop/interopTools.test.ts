import { describe, expect, it } from 'vitest';
import {
  checkTool,
  INTEROP_TOOLS,
  type InteropTool,
  preflightReport,
  runTool,
  ToolFailedError,
  ToolMissingError,
} from '../../interop/interopTools.js';

/** A tool whose executable exists nowhere. */
const ABSENT: InteropTool = {
  name: 'an absent tool',
  command: 'copy-autopilot-absent-tool',
  install: 'apt-get install -y copy-autopilot-absent-tool',
  probeArgs: ['--version'],
  misfit: () => undefined,
};

/** Node itself, standing in for a tool that runs (always on PATH where the tests run). */
const NODE: InteropTool = {
  name: 'node',
  command: process.execPath,
  install: 'https://nodejs.org',
  probeArgs: ['--version'],
  misfit: (output) => (/^v\d+\./.test(output) ? undefined : 'not a node version'),
};

describe('Function: runTool', () => {
  it('rejects a missing executable with ToolMissingError naming the tool and its install command', async () => {
    // Act
    const failure = await runTool(ABSENT, { args: ['--version'] }).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ToolMissingError);
    expect((failure as Error).message).toBe(
      'an absent tool is missing (copy-autopilot-absent-tool: not found); ' +
        'install it with: apt-get install -y copy-autopilot-absent-tool',
    );
  });

  it('rejects a failing run with the command, the exit code and what it printed on stderr', async () => {
    // Act
    const failure = await runTool(NODE, {
      args: ['-e', 'process.stderr.write("no such queue\\n"); process.exit(3)'],
    }).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ToolFailedError);
    expect((failure as Error).message).toMatch(/ failed with exit code 3: no such queue$/);
  });

  it('never rejects with an empty reason, even when the tool printed nothing', async () => {
    // Act
    const failure = await runTool(NODE, { args: ['-e', 'process.exit(1)'] }).catch((error: unknown) => error);

    // Assess
    expect((failure as Error).message).toMatch(/ failed with exit code 1: \(it printed nothing\)$/);
  });

  it('resolves with the output and the exit code when that code is accepted as an answer', async () => {
    // Act
    const run = await runTool(NODE, {
      args: ['-e', 'process.stdout.write("[]"); process.exit(4)'],
      acceptedExitCodes: [4],
    });

    // Assess
    expect(run).toEqual({ stdout: '[]', stderr: '', exitCode: 4 });
  });
});

describe('Function: checkTool', () => {
  it('reports a missing executable as not found', async () => {
    // Act
    const status = await checkTool(ABSENT);

    // Assess
    expect(status).toEqual({ tool: ABSENT, problem: 'copy-autopilot-absent-tool: not found' });
  });

  it('reports the version of a tool that is there', async () => {
    // Act
    const status = await checkTool(NODE);

    // Assess
    expect(status).toEqual({ tool: NODE, version: process.version });
  });

  it('reports a tool whose version does not fit', async () => {
    // Prepare
    const wrongVersion = { ...NODE, misfit: INTEROP_TOOLS.awsCliV1.misfit };

    // Act
    const status = await checkTool(wrongVersion);

    // Assess
    expect(status.problem).toBe(`expected aws-cli/1.x first on PATH, found: ${process.version}`);
  });
});

describe('Function: preflightReport', () => {
  it('names every missing tool with the command that installs it, and fails', () => {
    // Prepare
    const tools = Object.values(INTEROP_TOOLS);

    // Act
    const report = preflightReport(tools.map((tool) => ({ tool, problem: `${tool.command}: not found` })));

    // Assess
    expect(report.ok).toBe(false);
    for (const tool of tools) {
      expect(report.lines).toContain(
        `  MISSING  ${tool.name}: ${tool.command}: not found\n           install: ${tool.install}`,
      );
    }
    expect(report.lines.at(-1)).toBe(
      `${tools.length} of ${tools.length} missing: install them and run again (no interop suite is skipped).`,
    );
  });

  it('passes with one line per tool when every tool is there', () => {
    // Prepare
    const tools = Object.values(INTEROP_TOOLS);

    // Act
    const report = preflightReport(tools.map((tool) => ({ tool, version: 'v1' })));

    // Assess
    expect(report.ok).toBe(true);
    expect(report.lines).toHaveLength(tools.length + 1);
  });
});

describe('Constant: INTEROP_TOOLS', () => {
  it.each([
    ['python', 'moto 5.2.1', 'moto 5.1.0'],
    ['awsCliV1', 'aws-cli/1.45.11 Python/3.11.7', 'aws-cli/2.9.19 Python/3.11.2'],
    ['debianAwsCliV2', 'aws-cli/2.9.19 Python/3.11.2', 'aws-cli/1.45.11 Python/3.11.7'],
    ['cfnLint', `${INTEROP_TOOLS.cfnLint.command} 1.51.0`, 'command not found'],
  ] as const)('%s accepts %s and refuses %s', (key, fits, misfits) => {
    // Assess
    expect(INTEROP_TOOLS[key].misfit(fits)).toBeUndefined();
    expect(INTEROP_TOOLS[key].misfit(misfits)).toMatch(/^expected /);
  });
});
