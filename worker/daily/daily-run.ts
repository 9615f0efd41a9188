// The daily run (DESIGN §5): a Workers Cron Trigger at 16:05 UTC, which is 00:05 in Beijing
// (wrangler.toml [triggers]; Cron Triggers run in UTC). Each job of the registry runs in turn under
// its own lease, so two overlapping runs never run one job twice at once; a failing job is recorded
// and the next one still runs. What each job did is kept in daily_runs, one row per job and day.
import { chinaDate } from '../../schema/rules/china-time';
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
import { releaseLease, takeLease } from '../lib/lease';
import { newId } from '../lib/tokens';
import { type DailyJob, dailyJobs, type JobContext } from './jobs';

/** The cron expression of wrangler.toml: 00:05 China time. */
export const DAILY_CRON = '5 16 * * *';

/** A job's lease outlives any run (a Worker's scheduled event has at most 15 minutes of wall time). */
const LEASE_MS = 15 * 60_000;
const MAX_PAGES = 50;

const START = `INSERT INTO daily_runs (day, job, runs, started_at, status, detail) VALUES (?1, ?2, 1, ?3, 'running', '')
  ON CONFLICT (day, job) DO UPDATE SET runs = runs + 1, started_at = excluded.started_at, finished_at = NULL, status = 'running'`;
const FINISH = 'UPDATE daily_runs SET finished_at = ?3, status = ?4, detail = ?5 WHERE day = ?1 AND job = ?2';

export type JobOutcome = { job: string; status: 'done' | 'failed' | 'skipped'; detail: string };

async function runJob(job: DailyJob, ctx: JobContext, holder: string): Promise<JobOutcome> {
  const d1 = d1Of(ctx.db);
  if (!(await takeLease(ctx.db, `daily:${job.name}`, holder, LEASE_MS)))
    return { job: job.name, status: 'skipped', detail: 'held by another run' };
  try {
    await d1.prepare(START).bind(ctx.today, job.name, Date.now()).run();
    let outcome: JobOutcome;
    try {
      outcome = { job: job.name, status: 'done', detail: (await job.run(ctx)).detail };
    } catch (err) {
      console.error(`daily job ${job.name} failed`, err);
      outcome = { job: job.name, status: 'failed', detail: err instanceof Error ? err.message : String(err) };
    }
    await d1.prepare(FINISH).bind(ctx.today, job.name, Date.now(), outcome.status, outcome.detail.slice(0, 500)).run();
    return outcome;
  } finally {
    await releaseLease(ctx.db, `daily:${job.name}`, holder);
  }
}

/** Runs every registered job once, in order, for the day of `now`. */
export async function runDaily(db: Db, env: Env, now: number): Promise<JobOutcome[]> {
  const ctx: JobContext = { db, env, now, today: chinaDate(now), maxPages: MAX_PAGES };
  const holder = newId();
  const outcomes: JobOutcome[] = [];
  for (const job of dailyJobs()) outcomes.push(await runJob(job, ctx, holder));
  return outcomes;
}
