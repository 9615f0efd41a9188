// The registry of the daily run (worker/daily/daily-run.ts): every job the product runs once a day,
// at 00:05 Beijing time, in this order. A job must be idempotent (Cloudflare may fire a Cron Trigger
// more than once, and `npm run dev` runs it at every start) and bounded: it works in pages, each one
// statement or batch of a few seconds at most (D1 stops a query at 30 s), and stops after `maxPages`,
// leaving the rest to the next run. Later features add their jobs to this list.
import type { Db } from '../app-env';
import { auditJobs } from '../audit/audit-jobs';
import { orphanPhotosJob } from '../memos/photos';
import { outboxJob } from '../notify/deliver';
import { retentionJob } from '../privacy/retention';
import { claimSnapshotJob } from '../stats/claim-snapshot';
import { officerSnapshotJob } from '../stats/officer-snapshot';
import { recomputeDailyJob } from '../stats/recompute-job';
import { housekeepingJobs } from './housekeeping';
import { ledgerJobs } from './ledger-reminders';

export type JobContext = {
  db: Db;
  env: Env;
  /** The instant the run stands for (the Cron Trigger's scheduled time). */
  now: number;
  /** China's date at `now`. */
  today: string;
  /** Pages a job may work through in one run. */
  maxPages: number;
};

/** What a job did, for the run's record: e.g. "deleted 40 expired sessions". */
export type JobResult = { detail: string };

export type DailyJob = { name: string; run: (ctx: JobContext) => Promise<JobResult> };

// The ledger's reminders before the delivery, so the 待办 a run opens go out in the same run; a rollup
// recompute left unfinished goes on before the officers' snapshots of closed rounds, which read the rollups;
// the claims cross-check of closed rounds is frozen beside them (it reads the raw rows); the audit jobs
// last: they link and anchor the rows the jobs before them wrote.
const registry: DailyJob[] = [
  ...housekeepingJobs,
  orphanPhotosJob,
  retentionJob,
  ...ledgerJobs,
  outboxJob,
  recomputeDailyJob,
  officerSnapshotJob,
  claimSnapshotJob,
  ...auditJobs,
];

/** The jobs in the order they run. */
export const dailyJobs = (): readonly DailyJob[] => registry;

/** Adds a job (or replaces one of the same name): for features that start jobs at load, and for tests. */
export function registerJob(job: DailyJob): void {
  const at = registry.findIndex((j) => j.name === job.name);
  if (at >= 0) registry[at] = job;
  else registry.push(job);
}

export function unregisterJob(name: string): void {
  const at = registry.findIndex((j) => j.name === name);
  if (at >= 0) registry.splice(at, 1);
}
