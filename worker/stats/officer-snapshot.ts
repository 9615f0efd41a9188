// The officers' frozen survey figures (issue 14): after a round closes, the daily run copies each officer's
// group of group_counts into officer_snapshots and officer_snapshot_counts, once, and marks the round in
// round_snapshots. The officer's own page (/stats/mine) reads only these, so nothing an officer sees moves
// while a round is open (no reloading before and after an answer), and nothing moves after: the recompute,
// pairing edits and later corrections rebuild group_counts, never a snapshot. A round closes when it is
// launched and its close time has passed (schema/rules/round-state.ts); a closed round never reopens, so a
// snapshot never goes stale. Raw SQL with fixed text.
//
// An officer's group is withheld, though it has k answers, when it shares answers with a unit whose own
// figures the round's unit table suppresses (schema/rules/suppression.ts): published beside that table,
// the officer's figures minus the shown units' could otherwise isolate the hidden unit.
import { closedRoundSql } from '../../schema/rules/round-state';
import { suppress } from '../../schema/rules/suppression';
import type { DailyJob, JobContext } from '../daily/jobs';
import { d1Of } from '../lib/db';
import { statsConfig } from './config';
import { OFFICER_UNITS_SQL } from './group-rollup';

/** ?1 now: the closed rounds without a snapshot, the longest closed first. */
const DUE = `SELECT id FROM campaigns c WHERE ${closedRoundSql('c', '?1')}
  AND NOT EXISTS (SELECT 1 FROM round_snapshots s WHERE s.campaign_id = c.id) ORDER BY c.closes_at, c.id`;

/** ?1 round id: the round's unit groups and their responses. */
const UNITS = `SELECT group_key AS unit, count AS n FROM group_counts
  WHERE campaign_id = ?1 AND dimension = 'unit' AND question_key = '' AND option = ''`;

const NOT_TAKEN = 'NOT EXISTS (SELECT 1 FROM round_snapshots WHERE campaign_id = ?1)';

/** ?1 round id, ?2 JSON array of the officers withheld. Each statement writes only while the round has no snapshot. */
const COPY_OFFICERS = `INSERT INTO officer_snapshots (campaign_id, officer_id, responses, withheld)
  SELECT ?1, group_key, count, group_key IN (SELECT value FROM json_each(?2)) FROM group_counts
  WHERE campaign_id = ?1 AND dimension = 'officer' AND question_key = '' AND option = '' AND ${NOT_TAKEN}`;
/** ?1 round id. */
const COPY_COUNTS = `INSERT INTO officer_snapshot_counts (campaign_id, officer_id, question_key, option, count)
  SELECT ?1, group_key, question_key, option, count FROM group_counts
  WHERE campaign_id = ?1 AND dimension = 'officer' AND question_key <> '' AND count <> 0 AND ${NOT_TAKEN}`;
/** ?1 round id, ?2 now: the mark that the round is frozen, last. */
const MARK = 'INSERT OR IGNORE INTO round_snapshots (campaign_id, taken_at) VALUES (?1, ?2)';

/** The officers whose groups share answers with a unit the round's unit table hides. */
async function withheldOfficers(d1: D1Database, campaignId: string, k: number): Promise<string[]> {
  const [units, shares] = (await d1.batch([d1.prepare(UNITS).bind(campaignId), d1.prepare(OFFICER_UNITS_SQL).bind(campaignId)])).map(
    (r) => r.results,
  ) as [{ unit: string; n: number }[], { officer: string; unit: string; n: number }[]];
  const { hidden } = suppress(units, k);
  const hiddenUnits = new Set(units.filter((_, i) => hidden[i]).map((u) => u.unit));
  return [...new Set(shares.filter((s) => hiddenUnits.has(s.unit)).map((s) => s.officer))];
}

/** Takes the snapshot of one closed round (nothing when it has one already). */
export async function takeOfficerSnapshot(d1: D1Database, campaignId: string, k: number, now: number): Promise<void> {
  const withheld = JSON.stringify(await withheldOfficers(d1, campaignId, k));
  await d1.batch([
    d1.prepare(COPY_OFFICERS).bind(campaignId, withheld),
    d1.prepare(COPY_COUNTS).bind(campaignId),
    d1.prepare(MARK).bind(campaignId, now),
  ]);
}

async function run({ db, env, now, maxPages }: JobContext) {
  const d1 = d1Of(db);
  const due = (await d1.prepare(DUE).bind(now).all<{ id: string }>()).results.slice(0, maxPages);
  const { k } = statsConfig(env);
  for (const { id } of due) await takeOfficerSnapshot(d1, id, k, now);
  return { detail: `${due.length} closed rounds frozen for officers` };
}

export const officerSnapshotJob: DailyJob = { name: 'officer-snapshots', run };
