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
          // A second, empty database for tests that migrate step by step (test/integration/migration-0018.test.ts).
          d1Databases: { MIGRATION_DB: 'migration-db' },
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
      setupFiles: ['./test/apply-migrations.ts'],
      // Tests assert values, never times (speed is the bench's job); on a shared 2-core machine a file's
      // first D1 work can take several seconds, so the default 5 s would fail tests for the load alone.
      testTimeout: 30_000,
    },
  };
});
