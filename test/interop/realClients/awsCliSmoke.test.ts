import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INTEROP_TOOLS, runTool } from '../interopTools.js';

/**
 * awsCliSmoke.sh, the shell session an operator would type against the local SQS, run with the
 * AWS CLI v1 (SQS JSON protocol) and with Debian's AWS CLI v2 (SQS query protocol).
 */

const SMOKE_SCRIPT = fileURLToPath(new URL('./awsCliSmoke.sh', import.meta.url));

describe.each([INTEROP_TOOLS.awsCliV1, INTEROP_TOOLS.debianAwsCliV2])(
  'Real clients: awsCliSmoke.sh with $name',
  { timeout: 120_000 },
  (cli) => {
    it('creates a queue, sends, receives and deletes a message, and names a missing queue', async () => {
      // Prepare: a missing CLI fails here, named with its install command (not as the script's exit 2).
      await runTool(cli, { args: ['--version'] });

      // Act: the script exits non-zero on the first mismatch, with the step on stderr.
      const { stdout } = await promisify(execFile)('bash', [SMOKE_SCRIPT], {
        env: { ...process.env, AWS_CLI: cli.command },
        timeout: 110_000,
      });

      // Assess
      expect(stdout).toContain('ok   receive-message message attribute');
      expect(stdout).toContain('all AWS CLI checks passed');
    });
  },
);
