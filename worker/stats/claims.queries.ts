// The claims cross-check (schema/rules/claims.ts) of closed rounds, for the pages: a round's counts per
// officer are frozen by the daily run into claim_snapshots (claim-snapshot.ts) with the same SQL the live
// read runs (claim-sql.ts, so the rule has one home); pages read the frozen rows, and compute live from
// the raw rows only the rounds closed since the last run. The live read is bounded by the rounds asked for
// (a round holds at most its drawn enterprises' responses); counts come back per officer and round, never
// rows — except for the admin's list of the memos behind one officer's figure, which is always read live
// (one officer, one round).
import { sql } from 'drizzle-orm';
import { type ClaimSql, checkedSql, checksClaims, contradictedSql } from '../../schema/rules/claims';
import { closedRoundSql } from '../../schema/rules/round-state';
import type { Db } from '../app-env';
import { claimChecksSql, inMonth, listed, pairsSql } from './claim-sql';
import { type Place, periodInstants, type Scope } from './period';
import { versionDefinition } from './satisfaction';
import { readAll } from './sql';

export type ClaimRound = { id: string; name: string; closesAt: number };
export type ClaimRow = {
  campaignId: string;
  officerId: string;
  officer: string;
  unitId: string | null;
  unit: string | null;
  checked: number;
  contradicted: number;
};

/** Whether a round's form (its version row) asks Q1 and Q2: only such rounds are counted. */
export function formChecksClaims(round: { versionId: string; definition: string }): boolean {
  const form = versionDefinition({ id: round.versionId, definition: round.definition });
  return form.ok && checksClaims(form.definition);
}

/** The closed rounds opening in the scope's period whose form asks both questions, oldest first. */
export async function claimRounds(db: Db, scope: Scope): Promise<ClaimRound[]> {
  const { start, end } = periodInstants(scope.period);
  const now = Math.floor(scope.now ?? Date.now());
  const [rows] = await readAll<[ClaimRound & { definition: string; versionId: string }]>(db, [
    sql`SELECT c.id, c.name, c.closes_at AS closesAt, v.id AS versionId, v.definition FROM campaigns c JOIN form_versions v ON v.id = c.form_version_id
      WHERE c.programme_id = ${scope.programmeId} AND ${sql.raw(closedRoundSql('c', String(now)))} AND c.opens_at >= ${start} AND c.opens_at < ${end}
      ORDER BY c.closes_at, c.id`,
  ]);
  return rows.filter(formChecksClaims).map(({ id, name, closesAt }) => ({ id, name, closesAt }));
}

/**
 * Checked and contradicted claims per round and officer (with the officer's unit as it stands); `unitId`
 * narrows to a unit's officers, `place` to a leader's chain or region. Rounds whose claims were taken
 * (claims_taken, written in the batch that wrote their rows) read their frozen rows; the others — closed
 * since the last daily run — are computed live, in the same batch, so both are read at one instant.
 */
export async function claimChecks(db: Db, rounds: string[], by: { unitId?: string; place?: Place } = {}): Promise<ClaimRow[]> {
  if (!rounds.length) return [];
  const [frozen, computed] = await readAll<[ClaimRow, ClaimRow]>(db, claimChecksSql(rounds, by));
  return [...frozen, ...computed];
}

export type ClaimMemo = { id: string; visitDate: string; mode: string; enterprise: string; checked: number; contradicted: number };

/**
 * The memos behind one officer's figure in one round (admins only): each memo that made a checked claim,
 * with how many of its claims the enterprise contradicted. Admins read answers anyway; no other role
 * reaches this.
 */
export async function claimMemos(db: Db, campaignId: string, officerId: string): Promise<ClaimMemo[]> {
  const one: ClaimSql = { contacts: '1', onsite: "(x.mode = 'onsite')", q1: 'p.q1', q2: 'p.q2' };
  const [rows] = await readAll<[ClaimMemo]>(db, [
    sql`${pairsSql(listed([campaignId]), sql`AND s.officer_id = ${officerId}`)}
    SELECT x.id, x.visit_date AS visitDate, x.mode, e.name AS enterprise,
      ${sql.raw(checkedSql(one))} AS checked, ${sql.raw(contradictedSql(one))} AS contradicted
    FROM p JOIN memos x ON ${sql.raw(inMonth('x'))} JOIN enterprises e ON e.id = x.enterprise_id
    WHERE ${sql.raw(checkedSql(one))} > 0
    ORDER BY x.visit_date, x.id`,
  ]);
  return rows;
}

export type ClaimGroup = { key: string | null; label: string | null; checked: number; contradicted: number };

/** The rows of one round added up per officer or per unit (officers without a unit under null: 未指定单位). */
export function claimGroups(rows: readonly ClaimRow[], campaignId: string, by: 'officer' | 'unit'): ClaimGroup[] {
  const out = new Map<string | null, ClaimGroup>();
  for (const r of rows.filter((x) => x.campaignId === campaignId)) {
    const key = by === 'officer' ? r.officerId : r.unitId;
    const g = out.get(key) ?? { key, label: by === 'officer' ? r.officer : r.unit, checked: 0, contradicted: 0 };
    g.checked += r.checked;
    g.contradicted += r.contradicted;
    out.set(key, g);
  }
  return [...out.values()].filter((g) => g.checked > 0).sort((a, b) => b.checked - a.checked);
}
