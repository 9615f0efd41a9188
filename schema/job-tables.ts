// Bookkeeping of the daily run (worker/daily/): what each job did on each day, and the leases that
// keep two runs of one job from overlapping (Cloudflare may fire a Cron Trigger twice; a self-hosted
// server may run two processes).
import { integer, primaryKey, text } from 'drizzle-orm/sqlite-core';
import { sqliteTable } from './sqlite-table';

/** One row per job per China-time day: written when the job starts, completed when it ends. */
export const dailyRuns = sqliteTable(
  'daily_runs',
  {
    day: text().notNull(),
    job: text().notNull(),
    runs: integer().notNull().default(0),
    startedAt: integer().notNull(),
    finishedAt: integer(),
    /** 'running', 'done', or 'failed' (the error's message is in `detail`, never shown outside admin). */
    status: text({ enum: ['running', 'done', 'failed'] }).notNull(),
    /** What the job reports: rows touched, pages, or why it failed. */
    detail: text().notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.day, t.job] })],
);

/** A named lease: whoever holds an unexpired row owns the work it names. */
export const leases = sqliteTable('leases', {
  name: text().primaryKey(),
  holder: text().notNull(),
  expiresAt: integer().notNull(),
});
