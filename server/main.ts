// `npm run serve` (issue 23): the same app as the Worker (worker/app.tsx createApp: the same middleware
// and routes) on Node with @hono/node-server, its bindings built over DATA_DIR (server/env.ts), the
// built assets served as Workers serves them, and the daily run at 00:05 Beijing in the process.
// Built by `vite build --config server/vite.config.ts` into dist/server/main.js (the app is TSX).

import type { HttpBindings } from '@hono/node-server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../worker/app';
import { backgroundContext } from './background.ts';
import { clientAddress, proxyList, withClientAddress } from './client-address.ts';
import { scheduleDaily } from './daily-schedule.ts';
import { buildEnv, dataPaths } from './env.ts';
import { pendingMigrations } from './migrate.ts';
import { openDatabase } from './open-database.ts';
import { loadEnvFile, readSettings, SettingsError } from './settings.ts';
import { ASSETS_ROOT, staticAssets } from './static-assets.ts';

function settingsOrExit() {
  try {
    loadEnvFile();
    return readSettings();
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    console.error(`bangfu: cannot start: ${err.message}`);
    process.exit(1);
  }
}

const settings = settingsOrExit();
const paths = dataPaths(settings.dataDir);
const sqlite = openDatabase(paths.db);
const pending = pendingMigrations(sqlite);
if (pending.length > 0) {
  console.error(
    `bangfu: cannot start: ${paths.db} lacks ${pending.length} migration(s) (${pending[0]} …); run npm run serve:migrate first`,
  );
  process.exit(1);
}

const env = buildEnv(settings.vars, settings.dataDir, sqlite);
const trusted = proxyList(settings.trustedProxies);
const app = createApp();

// Work handed to waitUntil runs after the response, as on Workers; shutdown waits for it.
const { ctx, settled } = backgroundContext();

const server = new Hono<{ Bindings: HttpBindings }>();
server.use(staticAssets(ASSETS_ROOT));
server.all('*', (c) => {
  const address = clientAddress(c.env.incoming.socket.remoteAddress, c.req.header('x-forwarded-for') ?? null, trusted);
  return app.fetch(withClientAddress(c.req.raw, address), env, ctx);
});

const stopDaily = scheduleDaily({ env, sqlite, dataDir: settings.dataDir, backups: paths.backups, backupKeep: settings.backupKeep });
const http = serve({ fetch: server.fetch, hostname: settings.host, port: settings.port }, (info) => {
  console.log(
    `bangfu: listening on http://${info.address}:${info.port} (APP_ORIGIN ${settings.vars.APP_ORIGIN}, data in ${settings.dataDir})`,
  );
});

async function shutdown(signal: string) {
  console.log(`bangfu: ${signal}, stopping`);
  stopDaily();
  http.close();
  await settled();
  sqlite.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
