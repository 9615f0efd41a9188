import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * A local HTTP server standing in for an office's webhook receiver (test/integration/notify.test.ts): it
 * records every request it is sent and answers 500 on paths under /fail. The Worker posts to
 * https://hooks.bangfu.test (an https URL, as the product requires); miniflare's outbound service hands
 * that host's requests to this server over loopback and lets every other fetch through unchanged.
 * GET /__received returns what the server has recorded.
 */
async function webhookReceiver() {
  const received: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === '/__received') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
      return;
    }
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const fail = req.url?.startsWith('/fail');
    res.writeHead(fail ? 500 : 200).end(fail ? 'unavailable' : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Unit and integration tests run inside workerd with the real D1 binding, migrated from the same
// schema/migrations folder wrangler applies. Storage is isolated per test file.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('schema/migrations');
  const receiver = await webhookReceiver();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, APP_ORIGIN: 'https://bangfu.test', LINK_SECRET: 'test-link-secret-0123456789abcdef' },
          // A second, empty database for tests that migrate step by step (test/integration/migration-0018.test.ts).
          d1Databases: { MIGRATION_DB: 'migration-db' },
          outboundService: async (request: Request) => {
            const url = new URL(request.url);
            if (url.hostname !== 'hooks.bangfu.test') return fetch(request);
            const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
            return fetch(`${receiver}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
          },
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
