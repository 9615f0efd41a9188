// Jobs that keep tables from growing without bound: expired sessions and spent throttle windows.
// Deleted in pages by rowid so no statement grows with the table.
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
import type { DailyJob, JobContext } from './jobs';

const PAGE = 5000;

/** Deletes the rows `select` names (rowids, at most PAGE a page) until none are left or the pages run out. */
async function deleteInPages(db: Db, table: string, where: string, now: number, maxPages: number): Promise<number> {
  const statement = d1Of(db).prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ${PAGE})`);
  let deleted = 0;
  for (let page = 0; page < maxPages; page++) {
    const { meta } = await statement.bind(now).run();
    deleted += meta.changes;
    if (meta.changes < PAGE) break;
  }
  return deleted;
}

/** A session is dead once past its absolute expiry; its idle expiry is checked at use. */
const sessions = async ({ db, now, maxPages }: JobContext) => ({
  detail: `${await deleteInPages(db, 'sessions', 'expires_at <= ?1', now, maxPages)} expired sessions deleted`,
});

/** A throttle window older than a day counts for nothing: every limit's window is shorter. */
const throttles = async ({ db, now, maxPages }: JobContext) => ({
  detail: `${await deleteInPages(db, 'throttles', 'window_start <= ?1 - 86400000', now, maxPages)} spent throttle windows deleted`,
});

export const housekeepingJobs: DailyJob[] = [
  { name: 'expired-sessions', run: sessions },
  { name: 'spent-throttles', run: throttles },
];
