import { defineConfig } from 'vitest/config';

// End-to-end tests: Node drives Debian's Chromium (playwright-core) against the real Worker served by
// `wrangler dev` on a free loopback port, with a fresh migrated and seeded local D1 (server.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/server.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
