import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD_MAIN = fileURLToPath(new URL('./childMain.ts', import.meta.url));

/** A bench task run in a child process that failed or wrote no result. */
export class ChildTaskError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ChildTaskError';
  }
}

/**
 * Runs a task of bench/childMain.ts in a fresh Node process (with tsx) and returns its result.
 * Each local automation needs a process of its own: the runner loads handler modules by URL,
 * and a module, once loaded, keeps the environment (endpoint, backoff) it was loaded with. A
 * fresh process also gives the task its own peak memory.
 */
export async function runInChild<T>(task: string, input: unknown, cwd: string): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'copy-autopilot-bench-'));
  const inputFile = join(directory, 'input.json');
  const outputFile = join(directory, 'output.json');
  try {
    await writeFile(inputFile, JSON.stringify(input));
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD_MAIN, task, inputFile, outputFile], {
        cwd,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new ChildTaskError(`bench task ${task} exited with ${code}`);
    return JSON.parse(await readFile(outputFile, 'utf8')) as T;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
