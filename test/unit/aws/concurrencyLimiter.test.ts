import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter } from '../../../src/aws/concurrencyLimiter.js';

/** A task that finishes when the test says so, recording how many run at once. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { done, release };
}

describe('Function: createConcurrencyLimiter', () => {
  it('runs at most the limit at once and starts waiting tasks in order as slots free', async () => {
    // Prepare
    const limit = createConcurrencyLimiter(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    let running = 0;
    let peak = 0;

    // Act
    const all = gates.map((g, index) =>
      limit(async () => {
        started.push(index);
        running += 1;
        peak = Math.max(peak, running);
        await g.done;
        running -= 1;
        return index;
      }),
    );
    await Promise.resolve();
    const startedFirst = [...started];
    gates[1]?.release();
    await new Promise((resolve) => setImmediate(resolve));
    const startedAfterOne = [...started];
    for (const g of gates) g.release();
    const results = await Promise.all(all);

    // Assess
    expect(startedFirst).toEqual([0, 1]);
    expect(startedAfterOne).toEqual([0, 1, 2]);
    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a task that throws', async () => {
    // Prepare
    const limit = createConcurrencyLimiter(1);

    // Act
    const failed = limit(async () => {
      throw new Error('boom');
    });
    const next = limit(async () => 'ran');

    // Assess
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it.each([0, 1.5, -2])('rejects a limit of %s', (value) => {
    // Act & Assess
    expect(() => createConcurrencyLimiter(value)).toThrow(RangeError);
  });
});
