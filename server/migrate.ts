// `npm run serve:migrate`: applies schema/migrations to the SQLite file with wrangler's own bookkeeping,
// so a database can move between D1 and one server (`wrangler d1 export` → this file, or back with
// `wrangler d1 execute --file`) and each side knows what is applied. The table is the one wrangler
// creates (wrangler's getCreateMigrationsTableQuery, d1_migrations), a row per file by its file name,
// and each file is applied with its row in one transaction, as `wrangler d1 migrations apply` does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

export const MIGRATIONS_DIR = 'schema/migrations';

const TABLE = `CREATE TABLE IF NOT EXISTS "d1_migrations"(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;

/** The migration files in the order wrangler applies them (by name: NNNN_name.sql). */
export const migrationFiles = (dir = MIGRATIONS_DIR) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

/** The migration files not yet applied, in order; reads only (a database never migrated has them all). */
export function pendingMigrations(sqlite: DatabaseSync, dir = MIGRATIONS_DIR): string[] {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'").get();
  const applied = new Set(table ? (sqlite.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name) : []);
  return migrationFiles(dir).filter((name) => !applied.has(name));
}

/** Applies what is not yet applied; returns the names applied now. */
export function applyMigrations(sqlite: DatabaseSync, dir = MIGRATIONS_DIR): string[] {
  sqlite.exec(TABLE);
  const now: string[] = [];
  for (const name of pendingMigrations(sqlite, dir)) {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      sqlite.exec(readFileSync(join(dir, name), 'utf8'));
      sqlite.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(name);
      sqlite.exec('COMMIT');
    } catch (err) {
      if (sqlite.isTransaction) sqlite.exec('ROLLBACK');
      throw new Error(`migration ${name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    now.push(name);
  }
  return now;
}
