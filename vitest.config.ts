import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      // npm audit asks the registry's advisory endpoint, which this workplace refuses (405): it runs
      // on its own with `npm run test:audit` (vitest.audit.config.ts) and fails there when it cannot.
      'test/security/npmAudit.test.ts',
      // The suites that drive tools outside npm (moto, boto3, the AWS CLIs, cfn-lint) run with
      // `npm run test:interop` (vitest.interop.config.ts): `npm test` needs Node.js alone.
      'test/interop/**',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that boot a local cloud bind loopback ports of their own; keep the pool small
    // because CI machines have two cores.
    pool: 'forks',
    maxWorkers: 2,
    restoreMocks: true,
    env: {
      // The SDK's notice that Node 20 support ends in 2027 is said once, in the README.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // aws-sdk v2 (the query-protocol SQS client of the tests) announces its maintenance mode on
      // load; this is its documented switch (lib/maintenance_mode_message.js).
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
  },
});
