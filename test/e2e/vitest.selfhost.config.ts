import { defineConfig } from 'vitest/config';

// The survey and memo journeys in Chromium against the Node server (`npm run serve`'s bundle, issue 23)
// instead of `wrangler dev`: the same test files, another global setup (server-selfhost.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/survey.e2e.ts', 'test/e2e/memo.e2e.ts'],
    globalSetup: ['test/e2e/server-selfhost.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
