import { createInterface } from 'node:readline/promises';
import { commands } from './commands/index.js';
import { createStreamPrinter } from './printer.js';
import { runCli } from './run.js';
import { readPackageVersion } from './version.js';

// The SDK warns on every run that Node 20 support ends in 2027; the README says so once instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const exitCode = await runCli(
  process.argv.slice(2),
  commands,
  {
    printer: createStreamPrinter(),
    env: process.env,
    cwd: process.cwd(),
    interrupted,
    confirm: async (question) => {
      if (!process.stdin.isTTY) return false;
      const prompt = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
      } finally {
        prompt.close();
      }
    },
  },
  { version: readPackageVersion() },
);
process.exit(exitCode);
