// Opens the SQLite file the way D1 keeps its databases: foreign keys enforced (D1 turns them on for
// every connection: https://developers.cloudflare.com/d1/sql-api/foreign-keys/), and for a file shared
// by more than one process, WAL (readers never wait for the writer) and a busy timeout (a writer waits
// for another process's transaction instead of failing at once with SQLITE_BUSY).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** How long a write waits for another process's transaction before it fails (→ 503). */
export const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: BUSY_TIMEOUT_MS });
  sqlite.exec(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON`);
  // FULL, not WAL's usual NORMAL: a committed answer survives a power cut too ("nothing lost", DESIGN §9).
  sqlite.exec('PRAGMA synchronous = FULL');
  return sqlite;
}
