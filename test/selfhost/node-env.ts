// The Node target's stand-in for workerd's test modules (issue 23): each test file gets its own
// DATA_DIR under the system temp folder, migrated with `npm run serve:migrate`'s code, and the env the
// server builds (server/env.ts) over it, as workerd gives each test file its own D1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backgroundContext } from '../../server/background.ts';
import { buildEnv, dataPaths } from '../../server/env.ts';
import { applyMigrations } from '../../server/migrate.ts';
import { openDatabase } from '../../server/open-database.ts';
import { createApp } from '../../worker/app';

export const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-selfhost-'));
export const sqlite = openDatabase(dataPaths(dataDir).db);
applyMigrations(sqlite);

// The same values test/vitest.config.ts gives workerd.
export const env = buildEnv({ APP_ORIGIN: 'https://bangfu.test', LINK_SECRET: 'test-link-secret-0123456789abcdef' }, dataDir, sqlite);

/** What a request hands to waitUntil runs after the response, as workerd runs it; `settled` waits for it. */
const background = backgroundContext();
export const executionContext = (): ExecutionContext => background.ctx;
export const settled = background.settled;

const app = createApp();
export const fetchApp = (req: Request) => app.fetch(req, env, executionContext());
