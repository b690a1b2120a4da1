import { defineConfig } from 'vitest/config';

/**
 * `npm run test:audit`: the npm audit check alone. It needs the registry's advisory endpoint,
 * so it is kept out of `npm test` (vitest.config.ts) and fails, saying why, when the endpoint
 * cannot be reached.
 */
export default defineConfig({
  test: {
    include: ['test/security/npmAudit.test.ts'],
    environment: 'node',
    testTimeout: 150_000,
  },
});
