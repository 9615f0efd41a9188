// Jobs that keep tables from growing without bound: expired sessions, spent throttle windows and kept
// dashboard figures past their time (worker/stats/figure-cache.ts).
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
  detail: `${await deleteInPages(db, 'throttles', "window_start <= ?1 - 86400000 AND key NOT LIKE 'refused:%'", now, maxPages)} spent throttle windows deleted`,
});

// A refusal counter (worker/lib/audit.ts auditRefusal) holds how many refusals its audit row stands for.
// Before the spent window is deleted, a count above one is written to the audit log itself, naming the
// counter (object_id), so the figure outlives the throttle row; the same batch deletes the rows it read.
const SPENT_REFUSALS = "FROM throttles WHERE key LIKE 'refused:%' AND window_start <= ?1 - 86400000 ORDER BY key LIMIT 500";
const FOLD = `INSERT INTO audit_log (at, action, object_type, object_id, detail)
  SELECT ?1, 'refusals_counted', 'counter', key, json_object('count', count) FROM (SELECT key, count ${SPENT_REFUSALS}) WHERE count > 1`;
const DROP = `DELETE FROM throttles WHERE key IN (SELECT key ${SPENT_REFUSALS})`;

const refusalCounts = async ({ db, now, maxPages }: JobContext) => {
  const d1 = d1Of(db);
  let folded = 0;
  let dropped = 0;
  for (let page = 0; page < maxPages; page++) {
    const [fold, drop] = await d1.batch([d1.prepare(FOLD).bind(now), d1.prepare(DROP).bind(now)]);
    folded += fold?.meta.changes ?? 0;
    dropped += drop?.meta.changes ?? 0;
    if ((drop?.meta.changes ?? 0) < 500) break;
  }
  return { detail: `${dropped} spent refusal windows, ${folded} counts written to the audit log` };
};

/** Kept figures live minutes and their key holds a day: past their time they are never read again. */
const keptFigures = async ({ db, now, maxPages }: JobContext) => ({
  detail: `${await deleteInPages(db, 'figure_cache', 'valid_until <= ?1', now, maxPages)} kept figures past their time deleted`,
});

export const housekeepingJobs: DailyJob[] = [
  { name: 'expired-sessions', run: sessions },
  { name: 'refusal-counts', run: refusalCounts },
  { name: 'spent-throttles', run: throttles },
  { name: 'kept-figures', run: keptFigures },
];
