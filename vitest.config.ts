import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Unit and integration tests run inside workerd with the real D1 binding, migrated from the same
// schema/migrations folder wrangler applies. Storage is isolated per test file.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('schema/migrations');
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, APP_ORIGIN: 'https://bangfu.test', LINK_SECRET: 'test-link-secret-0123456789abcdef' },
        },
      }),
    ],
    test: {
      include: [
        'test/unit/**/*.test.{ts,tsx}',
        'test/integration/**/*.test.{ts,tsx}',
        'test/security/**/*.test.{ts,tsx}',
        'test/load/**/*.test.{ts,tsx}',
      ],
      // The second verifies each file's audit chain in an afterAll (issue 13).
      setupFiles: ['./test/apply-migrations.ts', './test/audit-chain-check.ts'],
      // A timeout is there to catch a hang, not slowness: on a 2-core machine under a load average of 11,
      // problem-rollup.test.ts's figures test took 8.8 s, past vitest's default of 5 s, and failed npm test.
      testTimeout: 30_000,
    },
  };
});
