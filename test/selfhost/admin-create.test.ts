// `npm run admin:create -- --sqlite FILE` on a self-hosted server's database (scripts/admin-create.ts): the
// first admin's one-time link, opened as the server opens the file (busy timeout, foreign keys), an
// officer never promoted, and no empty database made from a mistyped path.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../server/migrate.ts';
import { openDatabase } from '../../server/open-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'admin-create-'));
const file = join(dir, 'db.sqlite');
const run = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'scripts/admin-create.ts', ...args, '--origin', 'https://bangfu.example.cn'],
    {
      encoding: 'utf8',
    },
  );

beforeAll(() => {
  const sqlite = openDatabase(file);
  applyMigrations(sqlite);
  sqlite.exec("INSERT INTO users (id, login, name, role, created_at) VALUES ('officer-1', 'lina', '李娜', 'officer', 0)");
  sqlite.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admin:create --sqlite', () => {
  it('stores an admin with the hash of the printed one-time link, and re-issues it on a second run', () => {
    const first = run('--login', 'chenjing', '--name', '陈静', '--sqlite', file);
    expect(first.status, first.stderr).toBe(0);
    const token = /https:\/\/bangfu\.example\.cn\/setup\/([\w-]+)/.exec(first.stdout)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(40);
    const read = () => {
      const sqlite = openDatabase(file);
      const rows = sqlite.prepare("SELECT login, name, role, setup_token_hash AS hash FROM users WHERE login = 'chenjing'").all();
      sqlite.close();
      return rows;
    };
    expect(read()).toEqual([{ login: 'chenjing', name: '陈静', role: 'admin', hash: createHash('sha256').update(token).digest('hex') }]);
    const second = run('--login', 'chenjing', '--name', '陈静', '--sqlite', file);
    const again = /\/setup\/([\w-]+)/.exec(second.stdout)?.[1] ?? '';
    expect(again).not.toBe(token);
    expect(read()).toEqual([{ login: 'chenjing', name: '陈静', role: 'admin', hash: createHash('sha256').update(again).digest('hex') }]);
  });

  it('never promotes an officer (exit 1, nothing changed)', () => {
    const res = run('--login', 'lina', '--name', '李娜', '--sqlite', file);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('"lina" exists and is not an admin');
    const sqlite = openDatabase(file);
    expect(sqlite.prepare("SELECT role, setup_token_hash AS hash FROM users WHERE login = 'lina'").get()).toEqual({
      role: 'officer',
      hash: null,
    });
    sqlite.close();
  });

  it('refuses a path with no database instead of creating an empty one (exit 2)', () => {
    const missing = join(dir, 'typo', 'db.sqlite');
    const res = run('--login', 'chenjing', '--name', '陈静', '--sqlite', missing);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`No database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });
});
