// The claims cross-check (schema/rules/claims.ts) read from the raw rows of closed rounds: each response
// to a form that asks Q1 and Q2, each officer paired with the enterprise in the month it answered, and
// that officer's memos for the enterprise in that month. Bounded by the rounds asked for (a round holds
// at most its drawn enterprises' responses) and read through answers_response_idx and
// memos_enterprise_date_idx; GROUP BY in SQL, so counts come back per officer and round, never rows —
// except for the admin's list of the memos behind one officer's figure.
import { type SQL, sql } from 'drizzle-orm';
import { chinaDateSql } from '../../schema/rules/china-time';
import { CLAIM_QUESTIONS, type ClaimSql, checkedSql, checksClaims, contradictedSql } from '../../schema/rules/claims';
import { countsForSql } from '../../schema/rules/pairing';
import { closedRoundSql } from '../../schema/rules/round-state';
import type { Db } from '../app-env';
import { inPlace, type Place, periodInstants, type Scope } from './period';
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

/** The closed rounds opening in the scope's period whose form asks both questions, oldest first. */
export async function claimRounds(db: Db, scope: Scope): Promise<ClaimRound[]> {
  const { start, end } = periodInstants(scope.period);
  const now = Math.floor(scope.now ?? Date.now());
  const [rows] = await readAll<[ClaimRound & { definition: string; versionId: string }]>(db, [
    sql`SELECT c.id, c.name, c.closes_at AS closesAt, v.id AS versionId, v.definition FROM campaigns c JOIN form_versions v ON v.id = c.form_version_id
      WHERE c.programme_id = ${scope.programmeId} AND ${sql.raw(closedRoundSql('c', String(now)))} AND c.opens_at >= ${start} AND c.opens_at < ${end}
      ORDER BY c.closes_at, c.id`,
  ]);
  return rows
    .filter((r) => {
      const form = versionDefinition({ id: r.versionId, definition: r.definition });
      return form.ok && checksClaims(form.definition);
    })
    .map(({ id, name, closesAt }) => ({ id, name, closesAt }));
}

const answer = (key: string) => `(SELECT num_value FROM answers a WHERE a.response_id = r.id AND a.question_key = '${key}')`;
const inMonth = (x: string) => `${x}.enterprise_id = p.eid AND ${x}.officer_id = p.officer_id AND ${x}.programme_id = p.pid
      AND ${x}.visit_date BETWEEN p.month || '-01' AND p.day`;

/**
 * Each response of the rounds with each officer paired that month, its two answers and the officer's memos
 * then; `place` narrows to a leader's chain or region (the responses of its enterprises), `narrow` the officers.
 */
const pairsSql = (rounds: string[], narrow: SQL, place: SQL = sql``) => sql`WITH x AS (
    SELECT r.id AS rid, r.campaign_id AS cid, i.enterprise_id AS eid, c.programme_id AS pid, ${sql.raw(chinaDateSql('r.submitted_at'))} AS day,
      substr(${sql.raw(chinaDateSql('r.submitted_at'))}, 1, 7) AS month,
      ${sql.raw(answer(CLAIM_QUESTIONS.contact))} AS q1, ${sql.raw(answer(CLAIM_QUESTIONS.onsite))} AS q2
    FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN campaigns c ON c.id = r.campaign_id
    WHERE r.campaign_id IN (SELECT value FROM json_each(${JSON.stringify(rounds)})) ${place}
  ), p AS (
    SELECT x.*, s.officer_id FROM x JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid
      AND ${sql.raw(countsForSql('s', 'x.month'))} ${narrow}
  )`;

const COUNTS: ClaimSql = { contacts: 'm.contacts', onsite: 'm.onsite', q1: 'm.q1', q2: 'm.q2' };

/**
 * Checked and contradicted claims per round and officer (with the officer's unit as it stands); `unitId`
 * narrows to a unit's officers, `place` to the enterprises of a leader's chain or region.
 */
export async function claimChecks(db: Db, rounds: string[], by: { unitId?: string; place?: Place } = {}): Promise<ClaimRow[]> {
  if (!rounds.length) return [];
  const { unitId, place } = by;
  const narrow = unitId ? sql`AND s.officer_id IN (SELECT id FROM users WHERE unit_id = ${unitId})` : sql``;
  const [rows] = await readAll<[ClaimRow]>(db, [
    sql`${pairsSql(rounds, narrow, inPlace(place, 'i.enterprise_id'))}, m AS (
      SELECT p.cid, p.officer_id, p.q1, p.q2,
        (SELECT count(*) FROM memos x WHERE ${sql.raw(inMonth('x'))}) AS contacts,
        (SELECT count(*) FROM memos x WHERE ${sql.raw(inMonth('x'))} AND x.mode = 'onsite') AS onsite
      FROM p
    )
    SELECT m.cid AS campaignId, m.officer_id AS officerId, u.name AS officer, u.unit_id AS unitId, (SELECT name FROM units WHERE id = u.unit_id) AS unit,
      sum(${sql.raw(checkedSql(COUNTS))}) AS checked, sum(${sql.raw(contradictedSql(COUNTS))}) AS contradicted
    FROM m JOIN users u ON u.id = m.officer_id
    GROUP BY m.cid, m.officer_id`,
  ]);
  return rows;
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
    sql`${pairsSql([campaignId], sql`AND s.officer_id = ${officerId}`)}
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
