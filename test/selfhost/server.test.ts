// `npm run serve` as a process (dist/server/main.js on a temporary DATA_DIR): it refuses to start
// without its settings or its migrations, serves the login page (in English too) and the assets, takes the client's
// address only from trusted proxies, and a backup restores.
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../server/migrate.ts';

const ORIGIN = 'https://survey.example.test';
const running: ChildProcess[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function migratedDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-server-'));
  const sqlite = new DatabaseSync(join(dir, 'db.sqlite'));
  applyMigrations(sqlite);
  sqlite.close();
  return dir;
}

/** Starts the server; resolves with its URL once it listens, or with its exit code and output. */
async function start(vars: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'dist/server/main.js'], {
    env: { PATH: process.env.PATH, PORT: String(port), ...vars } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  return new Promise<{ url?: string; code?: number | null; output: string; child: ChildProcess }>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve({ url: `http://127.0.0.1:${port}`, output, child });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code: number | null) => resolve({ code, output, child }));
  });
}

const stop = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve).kill('SIGTERM')));

/** A failed login from this test, with forged address headers; answers the ip its audit row stored. */
async function failedLoginIp(url: string, dataDir: string, login: string) {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': '203.0.113.9',
      'cf-connecting-ip': '198.51.100.66',
    },
    body: new URLSearchParams({ login, password: 'wrong password' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(401);
  const sqlite = new DatabaseSync(join(dataDir, 'db.sqlite'), { readOnly: true });
  const row = sqlite.prepare("SELECT ip FROM audit_log WHERE action = 'login_failed' AND object_id = ?").get(login) as
    | { ip: string }
    | undefined;
  sqlite.close();
  return row?.ip;
}

beforeAll(() => {
  execSync('npx vite build --config server/vite.config.ts --logLevel warn', { stdio: 'inherit' });
});
afterAll(async () => {
  await Promise.all(running.map(stop));
});

describe('npm run serve', () => {
  it('refuses to start without its settings, and says which', async () => {
    const { code, output } = await start({ DATA_DIR: migratedDataDir(), APP_ORIGIN: ORIGIN });
    expect(code).toBe(1);
    expect(output).toContain('missing required setting: LINK_SECRET');
  });

  it('refuses to start on a database that is not migrated', async () => {
    const { code, output } = await start({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'bangfu-empty-')),
      APP_ORIGIN: ORIGIN,
      LINK_SECRET: 's'.repeat(32),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/lacks \d+ migration\(s\) \(0000_init\.sql …\); run npm run serve:migrate first/);
  });

  it('serves the login page, and the assets with the headers of Workers static assets', async () => {
    const { url } = await start({ DATA_DIR: migratedDataDir(), APP_ORIGIN: ORIGIN, LINK_SECRET: 's'.repeat(32) });
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="password"');
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // In English: the catalogue is the built asset dist/client/i18n/en.json, read through the env's ASSETS.
    expect(await (await fetch(`${url}/login`, { headers: { cookie: 'lang=en' } })).text()).toContain('Sign in');
    const css = await fetch(`${url}/assets/app.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
    expect(css.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(css.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect((await fetch(`${url}/_headers`)).status).toBe(404);
  });

  it('ignores X-Forwarded-For and CF-Connecting-IP from a peer that is not a trusted proxy', async () => {
    const dataDir = migratedDataDir();
    const { url } = await start({ DATA_DIR: dataDir, APP_ORIGIN: ORIGIN, LINK_SECRET: 's'.repeat(32) });
    expect(await failedLoginIp(url as string, dataDir, 'forger')).toBe('127.0.0.1');
  });

  it("takes the client's address from X-Forwarded-For behind a trusted proxy", async () => {
    const dataDir = migratedDataDir();
    const { url } = await start({ DATA_DIR: dataDir, APP_ORIGIN: ORIGIN, LINK_SECRET: 's'.repeat(32), TRUSTED_PROXIES: '127.0.0.1,::1' });
    expect(await failedLoginIp(url as string, dataDir, 'proxied')).toBe('203.0.113.9');
  });

  it('restores a backup as README says: stop, copy the backup over db.sqlite, start', async () => {
    const dataDir = migratedDataDir();
    const vars = { DATA_DIR: dataDir, APP_ORIGIN: ORIGIN, LINK_SECRET: 's'.repeat(32) };
    const first = await start(vars);
    await failedLoginIp(first.url as string, dataDir, 'kept');
    execSync('node --disable-warning=ExperimentalWarning server/backup-cli.ts', {
      env: { ...process.env, ...vars } as NodeJS.ProcessEnv,
      stdio: 'pipe',
    });
    await failedLoginIp(first.url as string, dataDir, 'lost');
    await stop(first.child);
    const [backup] = readdirSync(join(dataDir, 'backups'));
    for (const f of ['db.sqlite-wal', 'db.sqlite-shm']) rmSync(join(dataDir, f), { force: true });
    copyFileSync(join(dataDir, 'backups', backup as string), join(dataDir, 'db.sqlite'));
    const second = await start(vars);
    expect((await fetch(`${second.url}/login`)).status).toBe(200);
    expect(await failedLoginIp(second.url as string, dataDir, 'after')).toBe('127.0.0.1');
    const sqlite = new DatabaseSync(join(dataDir, 'db.sqlite'), { readOnly: true });
    const logins = sqlite.prepare("SELECT object_id AS login FROM audit_log WHERE action = 'login_failed' ORDER BY id").all();
    expect(logins.map((r) => r.login)).toEqual(['kept', 'after']);
  });
});
