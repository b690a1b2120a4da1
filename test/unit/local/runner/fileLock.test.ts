import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../../../src/local/runner/fileLock.js';

describe('Function: withFileLock', () => {
  it('runs holders of the same lock one after the other', async () => {
    // Prepare
    const lock = join(await mkdtemp(join(tmpdir(), 'lock-test-')), 'a.lock');
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(
        lock,
        async () => {
          events.push(`${name} in`);
          await new Promise((resolve) => setTimeout(resolve, 30));
          events.push(`${name} out`);
        },
        { pollMs: 5 },
      );

    // Act
    await Promise.all([holder('first'), holder('second')]);

    // Assess: no interleaving
    expect([events.slice(0, 2), events.slice(2)].map((pair) => pair.map((e) => e.split(' ')[1]))).toEqual([
      ['in', 'out'],
      ['in', 'out'],
    ]);
  });

  it('takes over a lock its holder left behind once it is stale', async () => {
    // Prepare
    const lock = join(await mkdtemp(join(tmpdir(), 'lock-test-')), 'b.lock');
    await writeFile(lock, '12345');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);

    // Act
    const result = await withFileLock(lock, async () => 'ran', { staleMs: 1_000, pollMs: 5 });

    // Assess
    expect(result).toBe('ran');
  });

  it('releases the lock when the work fails', async () => {
    // Prepare
    const lock = join(await mkdtemp(join(tmpdir(), 'lock-test-')), 'c.lock');

    // Act
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    // Assess
    expect(await withFileLock(lock, async () => 'again', { pollMs: 5, staleMs: 60_000 })).toBe('again');
  });
});
