import { open, rm, stat } from 'node:fs/promises';

/**
 * A lock between processes on one machine: whoever creates the file holds it. Enough to keep
 * two `osls package` runs of one service apart (they share the service's `.serverless` folder)
 * when tests in separate workers, the demo and a benchmark package at the same time.
 */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  options: { staleMs?: number; pollMs?: number } = {},
): Promise<T> {
  const staleMs = options.staleMs ?? 180_000;
  const pollMs = options.pollMs ?? 100;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that died without releasing leaves the file behind; past staleMs it is taken over.
      const age = await stat(path).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > staleMs) await rm(path, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
