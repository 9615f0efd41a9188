// The audit trail's part of the daily run (worker/daily/jobs.ts): link whatever requests left unchained,
// then write one anchor per China-time day that has ended — the hash of the last row written that day
// (issue 13). An office prints or publishes the anchors; verification compares each with its row.
// Idempotent: an anchor, once written, is never rewritten (INSERT … ON CONFLICT DO NOTHING).
import { addDays, chinaDate, chinaMidnight } from '../../schema/rules/china-time';
import type { DailyJob, JobContext } from '../daily/jobs';
import { d1Of } from '../lib/db';
import { chainUnderLease } from './chain';

/** Days anchored per run at most: a first run on an old database catches up a month at a time. */
const MAX_DAYS = 31;

const LAST_ANCHOR = 'SELECT day FROM audit_anchors ORDER BY day DESC LIMIT 1';
const FIRST_ROW = 'SELECT at FROM audit_log ORDER BY id LIMIT 1';
const LAST_ROW_BEFORE = 'SELECT id, hash FROM audit_log WHERE at < ?1 ORDER BY at DESC, id DESC LIMIT 1';
const ANCHOR = `INSERT INTO audit_anchors (day, last_id, hash, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (day) DO NOTHING`;

const chain = async ({ db, maxPages }: JobContext) => {
  const run = await chainUnderLease(db, maxPages);
  if (!run) return { detail: 'skipped: another run holds the chain' };
  return { detail: `${run.linked} audit rows linked${run.done ? '' : ', more left for the next run'}` };
};

/**
 * Anchors every ended day after the last anchor (or from the first audit row's day) up to yesterday.
 * A day whose last row is not chained yet stops the catch-up; the next run resumes there.
 */
const anchor = async ({ db, today, now }: JobContext) => {
  const d1 = d1Of(db);
  const last = await d1.prepare(LAST_ANCHOR).first<{ day: string }>();
  const first = await d1.prepare(FIRST_ROW).first<{ at: number }>();
  if (!first) return { detail: 'no audit rows yet' };
  let day = last ? addDays(last.day, 1) : chinaDate(first.at);
  const written: string[] = [];
  while (day < today && written.length < MAX_DAYS) {
    const row = await d1
      .prepare(LAST_ROW_BEFORE)
      .bind(chinaMidnight(addDays(day, 1)))
      .first<{ id: number; hash: string | null }>();
    if (row && row.hash === null) return { detail: `${written.length} days anchored; ${day} waits for its rows to be chained` };
    if (row) {
      await d1.prepare(ANCHOR).bind(day, row.id, row.hash, now).run();
      written.push(day);
    }
    day = addDays(day, 1);
  }
  return { detail: written.length ? `anchored ${written[0]} … ${written.at(-1)}` : 'nothing to anchor' };
};

export const auditJobs: DailyJob[] = [
  { name: 'audit-chain', run: chain },
  { name: 'audit-anchor', run: anchor },
];
