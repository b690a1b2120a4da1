import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that boot a local cloud bind loopback ports of their own; keep the pool small
    // because CI machines have two cores.
    pool: 'forks',
    maxWorkers: 2,
    restoreMocks: true,
  },
});
