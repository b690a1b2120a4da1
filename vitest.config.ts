import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // npm audit asks the registry's advisory endpoint, which this workplace refuses (405): it runs
    // on its own with `npm run test:audit` (vitest.audit.config.ts) and fails there when it cannot.
    exclude: [...configDefaults.exclude, 'test/security/npmAudit.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that boot a local cloud bind loopback ports of their own; keep the pool small
    // because CI machines have two cores.
    pool: 'forks',
    maxWorkers: 2,
    restoreMocks: true,
    // The SDK's notice that Node 20 support ends in 2027 is said once, in the README.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
