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

/**
 * The full rollup recompute as a job of bounded steps (worker/stats/recompute-job.ts): one row per run,
 * its progress kept so the job page can show it and a later request or the daily run can go on from the
 * next step after a crash or a timeout.
 */
export const recomputeJobs = sqliteTable('recompute_jobs', {
  id: text().primaryKey(),
  startedAt: integer().notNull(),
  /** The admin who started it (NULL: the command line). */
  startedBy: text(),
  total: integer().notNull(),
  done: integer().notNull().default(0),
  lastStepAt: integer(),
  lastStepMs: integer(),
  longestStepMs: integer(),
  /** The longest step's kind and key, e.g. 'round:…'. */
  longestStep: text(),
  finishedAt: integer(),
});

/**
 * The job's steps in the order they run, each one atomic D1 batch for one key: a round (its
 * option_counts, campaign_counters, group_counts), a programme's problem_counts under one dimension or its activity rollups,
 * and a last sweep of rows whose round or programme is gone. `done_at` is set in the step's own batch.
 * `key`: the round's or programme's id; for 'problems' followed by ':' and the ledger dimension.
 */
export const recomputeSteps = sqliteTable(
  'recompute_steps',
  {
    jobId: text().notNull(),
    seq: integer().notNull(),
    kind: text({ enum: ['round', 'problems', 'activity', 'sweep'] }).notNull(),
    key: text().notNull(),
    doneAt: integer(),
    ms: integer(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
