// Global setup of the end-to-end journeys on the Node target (issue 23): a fresh DATA_DIR migrated by
// `serve:migrate`'s code and seeded like the workerd run, and the server `npm run serve` starts
// (dist/server/main.js) on a free port, instead of `wrangler dev`.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../server/migrate.ts';
import { freePort, waitFor } from './server.ts';

let server: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-e2e-'));
  const file = join(dataDir, 'db.sqlite');
  const sqlite = new DatabaseSync(file);
  applyMigrations(sqlite);
  sqlite.close();
  const quiet: { stdio: ('ignore' | 'inherit')[] } = { stdio: ['ignore', 'ignore', 'inherit'] };
  execFileSync('node', ['--disable-warning=ExperimentalWarning', 'scripts/seed.ts', '--sqlite', file], quiet);
  execFileSync('npx', ['vite', 'build', '--config', 'server/vite.config.ts', '--logLevel', 'warn'], quiet);
  // The seed hashed the demo links with .dev.vars' secret (scripts/seed.ts): the server must use the same.
  const secret = /^LINK_SECRET\s*=\s*"?([^"\r\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1] ?? '';
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'dist/server/main.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env.PATH, APP_ORIGIN: origin, LINK_SECRET: secret, PORT: String(port), DATA_DIR: dataDir },
  });
  await waitFor(`${origin}/login`, 60_000);
  project.provide('origin', origin);
  project.provide('statePath', dataDir);
  return () => {
    server?.kill('SIGTERM');
  };
}
