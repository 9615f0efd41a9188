// The full rollup recompute as a job of bounded, resumable steps (issue 20). Production D1 stops a
// query or a batch at 30 s, and one batch rebuilding every rollup took 26–44 s at a million answers
// (bench/BENCHMARKS.md), so the job rebuilds one key per step — a round (option_counts,
// campaign_counters, group_counts), a programme's problem_counts under one dimension, a programme's
// activity rollups — then
// sweeps the rows of rounds and programmes deleted since. The steps are listed in recompute_steps when
// the job starts, and each step's batch marks its own row done: a crash or a timeout between steps loses
// nothing, and whoever comes next (the admin page's button, the daily run) goes on from the next step.
// Each step deletes and rebuilds its key's rows in one batch, so writes between steps are counted once
// (recompute.ts stepStatements). A lease keeps two runners off the same job at once; even so, a step run
// twice only rebuilds the same rows twice.
import type { Db } from '../app-env';
import type { DailyJob } from '../daily/jobs';
import { d1Of } from '../lib/db';
import { releaseLease, takeLease } from '../lib/lease';
import { newId } from '../lib/tokens';
import { RAISE_FIGURE_VERSION } from './figure-sources';
import { type StepKind, stepStatements, stepWork } from './recompute';
import { COUNT_DONE, FINISH, JOB_COLUMNS, JOB_TIMED, LIST_STEPS, MARK_DONE, NEXT, START_JOB, TIMED } from './recompute-job-sql';

export type RecomputeJob = {
  id: string;
  startedAt: number;
  total: number;
  done: number;
  lastStepAt: number | null;
  lastStepMs: number | null;
  longestStepMs: number | null;
  longestStep: string | null;
  finishedAt: number | null;
};
type Step = { seq: number; kind: StepKind; key: string };

const LEASE = 'stats-recompute';
/** Longer than any request's run of steps (RUN_MS) plus its longest step; a crashed runner's lease expires. */
const LEASE_MS = 2 * 60_000;
/** A request runs steps for about this long, then shows the job page (a Worker's CPU limit is 30 s by default). */
export const RUN_MS = 20_000;

/**
 * Starts a job and returns its id; `also` (the audit row) goes in the same batch, so a job is never
 * started unrecorded.
 */
export async function startRecompute(db: Db, by: string | null, also: D1PreparedStatement[] = [], now = Date.now()): Promise<string> {
  const d1 = d1Of(db);
  const id = newId();
  await d1.batch([...LIST_STEPS.map((s) => d1.prepare(s).bind(id)), d1.prepare(START_JOB).bind(id, now, by), ...also]);
  return id;
}

/** The latest job (unfinished or not), for its page. */
export const latestRecompute = (db: Db) =>
  d1Of(db).prepare(`SELECT ${JOB_COLUMNS} FROM recompute_jobs ORDER BY started_at DESC, rowid DESC LIMIT 1`).first<RecomputeJob>();

/** The job still to finish, if any: a new request goes on with it rather than starting another. */
export const unfinishedRecompute = (db: Db) =>
  d1Of(db)
    .prepare(`SELECT ${JOB_COLUMNS} FROM recompute_jobs WHERE finished_at IS NULL ORDER BY started_at DESC LIMIT 1`)
    .first<RecomputeJob>();

/** The statements rebuilding one round's rollups, as one atomic D1 batch. */
export const roundRecomputeBatch = (d1: D1Database, campaignId: string): D1PreparedStatement[] => [
  ...stepStatements('round').map((s) => d1.prepare(s).bind(campaignId)),
  // No mark of a job is written here, and the rollups raise no version themselves (figure-sources.ts).
  d1.prepare(RAISE_FIGURE_VERSION),
];

export type StepOutcome = { kind: StepKind; key: string; ms: number } | null;

/**
 * Runs the job's next step: its key's rollups rebuilt and the step marked done in one atomic batch.
 * Null when no step is left (the job is then marked finished).
 */
export async function runRecomputeStep(db: Db, jobId: string, now = Date.now): Promise<StepOutcome> {
  const d1 = d1Of(db);
  const step = await d1.prepare(NEXT).bind(jobId).first<Step>();
  if (!step) {
    await d1.prepare(FINISH).bind(jobId, now()).run();
    return null;
  }
  const work = stepWork(step.kind, step.key).map(({ sql, params }) => d1.prepare(sql).bind(...params));
  const t = performance.now();
  const at = now();
  await d1.batch([
    ...work,
    d1.prepare(MARK_DONE).bind(jobId, step.seq, at),
    d1.prepare(COUNT_DONE).bind(jobId, at),
    d1.prepare(FINISH).bind(jobId, at),
  ]);
  const ms = Math.round(performance.now() - t);
  const name = `${step.kind}:${step.key}`;
  await d1.batch([d1.prepare(TIMED).bind(jobId, step.seq, ms), d1.prepare(JOB_TIMED).bind(jobId, ms, name)]);
  return { kind: step.kind, key: step.key, ms };
}

/**
 * Runs the job's steps under the lease until none is left, `budgetMs` has passed or `maxSteps` ran.
 * False when another runner holds the lease (nothing ran).
 */
export async function runRecompute(
  db: Db,
  jobId: string,
  { budgetMs = Number.POSITIVE_INFINITY, maxSteps = Number.POSITIVE_INFINITY } = {},
): Promise<boolean> {
  const holder = newId();
  if (!(await takeLease(db, LEASE, holder, LEASE_MS))) return false;
  try {
    const until = performance.now() + budgetMs;
    for (let n = 0; n < maxSteps && performance.now() < until; n++) {
      if (!(await runRecomputeStep(db, jobId))) break;
    }
    return true;
  } finally {
    await releaseLease(db, LEASE, holder);
  }
}

/**
 * Rebuilds the rollups of one round (one batch), or of every round and programme as a job run to its
 * end: for the tests and the command line, where no request's time limit applies.
 */
export async function recomputeRollups(db: Db, campaignId?: string): Promise<void> {
  const d1 = d1Of(db);
  if (campaignId) {
    await d1.batch(roundRecomputeBatch(d1, campaignId));
    return;
  }
  const id = await startRecompute(db, null);
  if (!(await runRecompute(db, id))) throw new Error('a recompute is already running');
}

/** The daily run goes on with a job left unfinished (a closed tab, a crash), a page of steps a day. */
export const recomputeDailyJob: DailyJob = {
  name: 'stats-recompute',
  run: async ({ db, maxPages }) => {
    const job = await unfinishedRecompute(db);
    if (!job) return { detail: 'no recompute to finish' };
    if (!(await runRecompute(db, job.id, { maxSteps: maxPages }))) return { detail: 'recompute held by another runner' };
    const after = await d1Of(db).prepare('SELECT done, total FROM recompute_jobs WHERE id = ?1').bind(job.id).first<RecomputeJob>();
    return { detail: `recompute ${job.id}: ${after?.done}/${after?.total} steps done` };
  },
};
