// The server's own parts (server/): whose address a request is, the static assets' headers, when the
// daily run falls, the lock between processes, the backup.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../server/backup.ts';
import { clientAddress, proxyList, withClientAddress } from '../../server/client-address.ts';
import { nextDailyRun } from '../../server/daily-schedule.ts';
import { releaseFileLock, takeFileLock } from '../../server/file-lock.ts';
import { readSettings, SettingsError } from '../../server/settings.ts';
import { assetsBinding, parseHeaders } from '../../server/static-assets.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'bangfu-parts-'));

describe('client address', () => {
  const none = proxyList([]);
  const proxies = proxyList(['127.0.0.1', '10.0.0.0/8', '::1']);

  it("is the peer's when the peer is no trusted proxy, whatever the headers say", () => {
    expect(clientAddress('198.51.100.7', '203.0.113.9', none)).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.7', '203.0.113.9', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:198.51.100.7', null, none)).toBe('198.51.100.7');
  });

  it('is the nearest untrusted hop of X-Forwarded-For behind trusted proxies', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', proxies)).toBe('203.0.113.9');
    // A client that prepends a forged hop is still seen as the address the proxy appended.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.9, 10.1.2.3', proxies)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', 'garbage', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', null, proxies)).toBe('127.0.0.1');
  });

  it('replaces any CF-Connecting-IP the client sent', () => {
    const req = withClientAddress(new Request('https://x.test/', { headers: { 'cf-connecting-ip': '6.6.6.6' } }), '198.51.100.7');
    expect(req.headers.get('cf-connecting-ip')).toBe('198.51.100.7');
    expect(
      withClientAddress(new Request('https://x.test/', { headers: { 'cf-connecting-ip': '6.6.6.6' } }), undefined).headers.has(
        'cf-connecting-ip',
      ),
    ).toBe(false);
  });

  it('refuses a TRUSTED_PROXIES entry that is no address', () => {
    expect(() => proxyList(['nginx.local'])).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('settings', () => {
  it('names every missing required setting', () => {
    expect(() => readSettings({})).toThrow(SettingsError);
    expect(() => readSettings({ APP_ORIGIN: 'https://a.test' })).toThrow(/missing required setting: LINK_SECRET\./);
    expect(() => readSettings({ APP_ORIGIN: 'https://a.test/path', LINK_SECRET: 's' })).toThrow(/APP_ORIGIN must be an origin/);
  });

  it('defaults to 127.0.0.1:8788 and ./data, and passes only the Worker’s own vars to the app', () => {
    const s = readSettings({ APP_ORIGIN: 'https://a.test', LINK_SECRET: 's', FAULT_INJECT: 'memo-last', PATH: '/bin' });
    expect(s).toMatchObject({ host: '127.0.0.1', port: 8788, trustedProxies: [], backupKeep: 7 });
    expect(s.dataDir.endsWith('/data')).toBe(true);
    expect(s.vars).toEqual({ APP_ORIGIN: 'https://a.test', LINK_SECRET: 's' });
  });
});

describe('static assets', () => {
  it("reads Cloudflare's _headers format", () => {
    const rules = parseHeaders(
      "# c\n/*\n  X-Content-Type-Options: nosniff\n  Content-Security-Policy: default-src 'none'\n/assets/*.css\n  X-A: b\n",
    );
    expect(rules).toHaveLength(2);
    expect(rules[0]?.headers).toEqual([
      ['X-Content-Type-Options', 'nosniff'],
      ['Content-Security-Policy', "default-src 'none'"],
    ]);
    expect(rules[1]?.pattern.test('/assets/app.css')).toBe(true);
    expect(rules[1]?.pattern.test('/assets/app.js')).toBe(false);
  });

  it('binds the folder as ASSETS: a file by its path, never _headers nor a file outside it', async () => {
    const base = mkdtempSync(join(tmpdir(), 'bangfu-assets-'));
    const root = join(base, 'client');
    mkdirSync(join(root, 'i18n'), { recursive: true });
    writeFileSync(join(root, 'i18n', 'en.json'), '{"app.name":"x"}');
    writeFileSync(join(root, '_headers'), '/*\n  X-A: b\n');
    writeFileSync(join(base, 'outside.json'), '{}');
    const assets = assetsBinding(root);
    const en = await assets.fetch(new Request('https://assets.invalid/i18n/en.json'));
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await en.json()).toEqual({ 'app.name': 'x' });
    for (const path of ['/_headers', '/i18n/', '/missing.json', '/%2e%2e/outside.json'])
      expect((await assets.fetch(`https://assets.invalid${path}`)).status, path).toBe(404);
  });
});

describe('daily schedule', () => {
  it('falls at 00:05 Beijing time, 16:05 UTC', () => {
    expect(new Date(nextDailyRun(Date.parse('2026-12-07T12:00:00Z'))).toISOString()).toBe('2026-12-07T16:05:00.000Z');
    expect(new Date(nextDailyRun(Date.parse('2026-12-07T16:05:00Z'))).toISOString()).toBe('2026-12-08T16:05:00.000Z');
    expect(new Date(nextDailyRun(Date.parse('2026-12-07T16:04:59Z'))).toISOString()).toBe('2026-12-07T16:05:00.000Z');
    expect(new Date(nextDailyRun(Date.parse('2026-12-07T20:00:00Z'))).toISOString()).toBe('2026-12-08T16:05:00.000Z');
  });

  it('lets one process hold the lock, and takes over the lock of a process that is gone', () => {
    const lock = join(temp(), 'daily.lock');
    expect(takeFileLock(lock)).toBe(true);
    expect(takeFileLock(lock)).toBe(false);
    releaseFileLock(lock);
    expect(existsSync(lock)).toBe(false);
    writeFileSync(lock, '999999999');
    expect(takeFileLock(lock)).toBe(true);
    releaseFileLock(lock);
  });
});

describe('backup', () => {
  it('copies the live database, keeps the newest BACKUP_KEEP, and a copy opens with its rows', async () => {
    const dir = temp();
    const live = new DatabaseSync(join(dir, 'db.sqlite'));
    live.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('before')");
    const day = (d: string) => Date.parse(`${d}T01:00:00Z`);
    for (const d of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']) await backupDatabase(live, join(dir, 'backups'), 3, day(d));
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['db-2026-12-02.sqlite', 'db-2026-12-03.sqlite', 'db-2026-12-04.sqlite']);
    live.exec("INSERT INTO t VALUES ('after')");
    const copy = new DatabaseSync(join(dir, 'backups', 'db-2026-12-04.sqlite'), { readOnly: true });
    expect(copy.prepare('SELECT v FROM t').all()).toEqual([{ v: 'before' }]);
    expect(copy.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });
});
