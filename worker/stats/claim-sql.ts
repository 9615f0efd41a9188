// The SQL of the claims cross-check (schema/rules/claims.ts), in one place for the pages' live read and
// frozen read (claims.queries.ts), the daily run's snapshot (claim-snapshot.ts) and the bench, which runs
// it in Node's SQLite (bench/gen/claims.ts, bench/claims-snapshot.ts): drizzle `sql` and the schema's
// rules only, nothing of the Worker's runtime. Each response to a form that asks Q1 and Q2, each officer
// paired with the enterprise in the month it answered, and that officer's memos for the enterprise in that
// month, counted per round and officer with GROUP BY, read through answers_response_idx and
// memos_enterprise_date_idx.
import { type SQL, sql } from 'drizzle-orm';
import { chinaDateSql } from '../../schema/rules/china-time';
import { CLAIM_QUESTIONS, type ClaimSql, checkedSql, contradictedSql } from '../../schema/rules/claims';
import { countsForSql } from '../../schema/rules/pairing';
import { INVITED_RESPONSES_FROM, RESPONSES_FROM } from './group-rollup';
import { inPlace, type Place } from './period';

const answer = (key: string) => `(SELECT num_value FROM answers a WHERE a.response_id = r.id AND a.question_key = '${key}')`;
// The unary + keeps SQLite off memos_programme_date_people_idx, which it preferred as covering: that index
// walks every memo of the programme in the month for each response × officer (a round's snapshot took up to
// 4.3 s at a million answers, node:sqlite); memos_enterprise_date_idx finds the enterprise's few (≈ 0.3 s).
export const inMonth = (x: string) => `${x}.enterprise_id = p.eid AND +${x}.officer_id = p.officer_id AND +${x}.programme_id = p.pid
      AND ${x}.visit_date BETWEEN p.month || '-01' AND p.day`;

/** The ids of `rounds` (a JSON array), as SQL rows. */
export const listed = (rounds: string[]) => sql`SELECT value FROM json_each(${JSON.stringify(rounds)})`;

/**
 * The rounds of `rounds` whose claims were not taken yet (claims_taken), as SQL rows: the ones the live
 * read computes, and the one the daily run freezes — so a second run of the snapshot writes nothing.
 */
export const untaken = (rounds: string[]) =>
  sql`${listed(rounds)} WHERE NOT EXISTS (SELECT 1 FROM claims_taken t WHERE t.campaign_id = value)`;

/** The responses of the rounds: of every enterprise, or of a leader's chain or region (from its invitations first). */
const responsesOf = (rounds: SQL, place?: Place) =>
  place
    ? sql`${sql.raw(INVITED_RESPONSES_FROM)} WHERE i.campaign_id IN (${rounds}) ${inPlace(place, 'i.enterprise_id')}`
    : sql`${sql.raw(RESPONSES_FROM)} WHERE r.campaign_id IN (${rounds})`;

/** Each response of the rounds with each officer paired that month, its two answers and the officer's memos then. */
export const pairsSql = (rounds: SQL, narrow: SQL, place?: Place) => sql`WITH x AS (
    SELECT r.id AS rid, r.campaign_id AS cid, i.enterprise_id AS eid, c.programme_id AS pid, ${sql.raw(chinaDateSql('r.submitted_at'))} AS day,
      substr(${sql.raw(chinaDateSql('r.submitted_at'))}, 1, 7) AS month,
      ${sql.raw(answer(CLAIM_QUESTIONS.contact))} AS q1, ${sql.raw(answer(CLAIM_QUESTIONS.onsite))} AS q2
    ${responsesOf(rounds, place)}
  ), p AS (
    SELECT x.*, s.officer_id FROM x JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid
      AND ${sql.raw(countsForSql('s', 'x.month'))} ${narrow}
  )`;

const COUNTS: ClaimSql = { contacts: 'm.contacts', onsite: 'm.onsite', q1: 'm.q1', q2: 'm.q2' };

/**
 * Checked and contradicted claims per round, officer and the enterprises' chain ('' for none) and region
 * from the raw rows, as rows (campaign_id, officer_id, chain_id, region, checked, contradicted): what the
 * live read shows and what the daily run freezes — per chain and region so that a leader's chain or region
 * reads its part of the frozen figure (issue 19), and everyone else the sum.
 */
export const claimCountsSql = (rounds: SQL, narrow: SQL = sql``, place?: Place) => sql`${pairsSql(rounds, narrow, place)}, m AS (
      SELECT p.cid, p.officer_id, p.eid, p.q1, p.q2,
        (SELECT count(*) FROM memos x WHERE ${sql.raw(inMonth('x'))}) AS contacts,
        (SELECT count(*) FROM memos x WHERE ${sql.raw(inMonth('x'))} AND x.mode = 'onsite') AS onsite
      FROM p
    )
    SELECT m.cid AS campaign_id, m.officer_id, coalesce(e.chain_id, '') AS chain_id, e.region,
      sum(${sql.raw(checkedSql(COUNTS))}) AS checked, sum(${sql.raw(contradictedSql(COUNTS))}) AS contradicted
    FROM m JOIN enterprises e ON e.id = m.eid GROUP BY m.cid, m.officer_id, e.chain_id, e.region`;

/** The rows of claimCountsSql (or claim_snapshots) added up per round and officer, with the officer's name and unit as they stand. */
const withOfficer = (counts: SQL) => sql`SELECT k.campaign_id AS campaignId, k.officer_id AS officerId, u.name AS officer,
      u.unit_id AS unitId, (SELECT name FROM units WHERE id = u.unit_id) AS unit, sum(k.checked) AS checked, sum(k.contradicted) AS contradicted
    FROM (${counts}) k JOIN users u ON u.id = k.officer_id GROUP BY k.campaign_id, k.officer_id ORDER BY k.campaign_id, k.officer_id`;

/** A snapshot row's part of a leader's chain or region (the place as it was when the claims were taken). */
const frozenPlace = (place?: Place) =>
  !place ? sql`` : place.by === 'chain' ? sql`AND s.chain_id = ${place.key}` : sql`AND s.region = ${place.key}`;

/**
 * claimChecks' two statements: the frozen rows of the rounds taken, the live counts of the others; `unitId`
 * narrows to a unit's officers, `place` to a leader's chain or region.
 */
export function claimChecksSql(rounds: string[], by: { unitId?: string; place?: Place } = {}): [SQL, SQL] {
  // `s` is the snapshot row in the frozen statement and the pairing in the live one: both have officer_id.
  const narrow = by.unitId ? sql`AND s.officer_id IN (SELECT id FROM users WHERE unit_id = ${by.unitId})` : sql``;
  return [
    withOfficer(sql`SELECT * FROM claim_snapshots s WHERE s.campaign_id IN (${listed(rounds)}) ${narrow} ${frozenPlace(by.place)}`),
    withOfficer(claimCountsSql(untaken(rounds), narrow, by.place)),
  ];
}

/** ?1 round id, ?2 now: the mark that the round's claims are frozen, last in its batch. */
export const MARK_CLAIMS_TAKEN = 'INSERT OR IGNORE INTO claims_taken (campaign_id, taken_at) VALUES (?1, ?2)';

/** The round's claims per officer, computed from the raw rows while the round has no mark (nothing once it has). */
export const claimRowsSql = (campaignId: string) =>
  sql`INSERT INTO claim_snapshots (campaign_id, officer_id, chain_id, region, checked, contradicted) ${claimCountsSql(untaken([campaignId]))}`;
