// The daily backup (issue 23): an online copy of the SQLite file through SQLite's backup API
// (node:sqlite backup(), https://www.sqlite.org/backup.html), consistent while the server keeps writing,
// into DATA_DIR/backups as db-YYYY-MM-DD.sqlite (China date), keeping the newest BACKUP_KEEP.
// Restoring is copying one back while the server is stopped (README § Self-hosting on one server).
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backup, type DatabaseSync } from 'node:sqlite';
import { chinaDate } from '../schema/rules/china-time.ts';

const NAME = /^db-\d{4}-\d{2}-\d{2}\.sqlite$/;

export async function backupDatabase(sqlite: DatabaseSync, dir: string, keep: number, now = Date.now()): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `db-${chinaDate(now)}.sqlite`);
  // Written beside, then renamed: a backup that stopped half way never takes a good one's name.
  const temp = `${file}.partial`;
  rmSync(temp, { force: true });
  await backup(sqlite, temp);
  renameSync(temp, file);
  const kept = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse();
  for (const old of kept.slice(keep)) rmSync(join(dir, old));
  return file;
}
