import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:interop`: the suites that drive implementations outside npm (moto, boto3, the
 * AWS CLI v1 and Debian's v2, cfn-lint), kept out of `npm test` (vitest.config.ts) so that one
 * needs Node.js alone. test/interop/preflight.ts runs first and names every missing tool.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/interop/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
    // Each CLI call starts a Python interpreter and moto answers slowly: give them time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
