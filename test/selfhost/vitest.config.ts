import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// The second target (issue 23): the integration tests of auth, survey submission, memos and ledger,
// and exports, run in Node on the self-hosting adapter (server/: node:sqlite as D1, a folder as R2)
// instead of workerd; `cloudflare:workers` and `cloudflare:test` are shims over the server's own env
// builder. Plus the Node-only tests of the adapter and the server (test/selfhost/*.test.ts).
export default defineConfig({
  resolve: {
    alias: {
      'cloudflare:workers': here('./workers-shim.ts'),
      'cloudflare:test': here('./test-shim.ts'),
    },
  },
  test: {
    environment: 'node',
    include: [
      'test/selfhost/**/*.test.ts',
      'test/integration/auth.test.ts',
      'test/integration/answering.test.ts',
      'test/integration/answering-invalid.test.ts',
      'test/integration/memos.test.ts',
      'test/integration/ledger-admin.test.ts',
      'test/integration/problems.test.ts',
      'test/integration/exports.test.ts',
      'test/integration/responses-export.test.ts',
      'test/integration/daily-run.test.ts',
    ],
    setupFiles: ['./test/audit-chain-check.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
