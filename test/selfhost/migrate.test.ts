// `npm run serve:migrate` (server/migrate.ts) keeps wrangler's bookkeeping, so a database moves between
// D1 and one server. Checked once by hand as well: after `wrangler d1 migrations apply DB --local`, its
// sqlite_master (124 rows, d1_migrations included) is identical to this one's.
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrationFiles } from '../../server/migrate.ts';

describe('serve:migrate', () => {
  it("applies every file once, in wrangler's d1_migrations table", () => {
    const sqlite = new DatabaseSync(':memory:');
    expect(applyMigrations(sqlite)).toEqual(migrationFiles());
    expect(applyMigrations(sqlite)).toEqual([]);
    const table = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'd1_migrations'").get() as { sql: string };
    // wrangler's getCreateMigrationsTableQuery, whitespace aside.
    expect(table.sql.replace(/\s+/g, ' ')).toBe(
      'CREATE TABLE "d1_migrations"( id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL )',
    );
    const rows = sqlite.prepare('SELECT id, name FROM d1_migrations ORDER BY id').all() as { id: number; name: string }[];
    expect(rows.map((r) => r.name)).toEqual(migrationFiles());
    expect(rows[0]).toEqual({ id: 1, name: '0000_init.sql' });
  });

  it('continues a database wrangler migrated part of the way, and stores nothing of a failing file', () => {
    const sqlite = new DatabaseSync(':memory:');
    const dir = 'schema/migrations';
    applyMigrations(sqlite);
    sqlite.exec("DELETE FROM d1_migrations WHERE name = '0028_ledger_import.sql'");
    // 0028 re-run on its own tables fails (they exist): the failure names the file and adds no row.
    expect(() => applyMigrations(sqlite, dir)).toThrow(/^migration 0028_ledger_import\.sql failed/);
    expect(sqlite.prepare("SELECT count(*) AS n FROM d1_migrations WHERE name = '0028_ledger_import.sql'").get()).toEqual({ n: 0 });
    expect(sqlite.isTransaction).toBe(false);
  });
});
