// The claims cross-check frozen (issue 20): after a round closes, the daily run computes its claims per
// officer (and chain and region) once (claim-sql.ts claimRowsSql: the live read's own SQL) into claim_snapshots and marks the round in
// claims_taken, in one batch per round. Pages then read the frozen rows (claims.queries.ts claimChecks),
// so a breakdown no longer reads every response of every closed round at each request — at a million
// answers that was one D1 batch of 234.8 s (bench/BENCHMARKS.md, issue 20), where production D1 stops at 30 s.
//
// The rule this changes, on purpose: a round's figure is what the memos and answers said when its claims
// were taken, like the officers' own figures (officer-snapshot.ts). A memo written or backdated after
// the round closed, a pairing edit or a recompute never moves it, so the officers judged by the figure
// cannot steer it after the fact. A closed round never reopens, so a snapshot never goes stale. The
// officer's unit is not frozen: pages join it as it stands, as they did before.
//
// Rounds whose form does not ask both questions get the mark alone: they are never counted (claimRounds
// leaves them out), and the mark keeps each daily run from reading their forms again.
import { closedRoundSql } from '../../schema/rules/round-state';
import type { Db } from '../app-env';
import type { DailyJob, JobContext } from '../daily/jobs';
import { d1Of } from '../lib/db';
import { claimRowsSql, MARK_CLAIMS_TAKEN } from './claim-sql';
import { formChecksClaims } from './claims.queries';
import { prepare } from './sql';

/** ?1 now, ?2 how many: the closed rounds whose claims were not taken, the longest closed first, with their forms. */
const DUE = `SELECT c.id, v.id AS versionId, v.definition FROM campaigns c JOIN form_versions v ON v.id = c.form_version_id
  WHERE ${closedRoundSql('c', '?1')} AND NOT EXISTS (SELECT 1 FROM claims_taken t WHERE t.campaign_id = c.id)
  ORDER BY c.closes_at, c.id LIMIT ?2`;

/**
 * Takes the claims of one closed round (nothing when they were taken already: the INSERT computes only a
 * round without its mark, so a run that lost a race writes nothing). One atomic batch: rows and mark.
 */
export async function takeClaims(db: Db, campaignId: string, checksClaims: boolean, now: number): Promise<void> {
  const d1 = d1Of(db);
  const mark = d1.prepare(MARK_CLAIMS_TAKEN).bind(campaignId, now);
  await d1.batch(checksClaims ? [prepare(db, claimRowsSql(campaignId)), mark] : [mark]);
}

async function run({ db, now, maxPages }: JobContext) {
  const due = (await d1Of(db).prepare(DUE).bind(now, maxPages).all<{ id: string; versionId: string; definition: string }>()).results;
  let counted = 0;
  for (const round of due) {
    const checks = formChecksClaims(round);
    await takeClaims(db, round.id, checks, now);
    if (checks) counted++;
  }
  return { detail: `${due.length} closed rounds' claims taken (${counted} counted)` };
}

export const claimSnapshotJob: DailyJob = { name: 'claim-snapshots', run };
