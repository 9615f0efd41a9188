// The Node target's stand-in for workerd's test modules (issue 23): each test file gets its own
// DATA_DIR under the system temp folder, migrated with `npm run serve:migrate`'s code, and the env the
// server builds (server/env.ts) over it, as workerd gives each test file its own D1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEnv, dataPaths } from '../../server/env.ts';
import { applyMigrations } from '../../server/migrate.ts';
import { openDatabase } from '../../server/open-database.ts';
import { createApp } from '../../worker/app';

export const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-selfhost-'));
export const sqlite = openDatabase(dataPaths(dataDir).db);
applyMigrations(sqlite);

// The same values test/vitest.config.ts gives workerd.
export const env = buildEnv({ APP_ORIGIN: 'https://bangfu.test', LINK_SECRET: 'test-link-secret-0123456789abcdef' }, dataDir, sqlite);

const pending = new Set<Promise<unknown>>();
/** What a request handed to waitUntil, as workerd runs it after the response. */
export const executionContext = (): ExecutionContext =>
  ({
    waitUntil(p: Promise<unknown>) {
      const tracked = p.catch((err) => console.error('waitUntil', err)).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    passThroughOnException() {},
    props: {},
  }) as unknown as ExecutionContext;

export const settled = async () => {
  while (pending.size > 0) await Promise.all(pending);
};

const app = createApp();
export const fetchApp = (req: Request) => app.fetch(req, env, executionContext());
