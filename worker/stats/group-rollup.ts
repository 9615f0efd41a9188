// The group_counts rollup (schema/survey-tables.ts): each response's likert answers counted under every
// group the response belongs to — the unit of the enterprise's lead officer, each officer paired with the
// enterprise in the round's programme, the enterprise's chain and its region — so satisfaction by unit,
// officer, chain and region reads a few rows per group (worker/stats/survey.queries.ts) instead of
// grouping a million answers. One INSERT … SELECT in the submission batch keeps it current; the same
// shape, over every response, rebuilds it (recompute.ts). Node runs recompute.ts: imports with '.ts'.
//
// Only likert answers, 1–5 or 'na' (不了解), by their values (schema/rules/counted-options.ts says why
// by value and not by type); the readers ask for the likert items' keys. The same in both statements.
import { LIKERT_ANSWER_SQL as LIKERT } from '../../schema/rules/counted-options.ts';

/** The groups of the enterprise `i` answered for, in the programme of campaign `c`, as (dimension, group_key). */
const GROUPS = `
  SELECT 'unit' AS dimension, coalesce(o.unit_id, '') AS group_key, x.rid FROM x
    JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid AND s.is_lead = 1 JOIN users o ON o.id = s.officer_id
  UNION ALL SELECT 'officer', s.officer_id, x.rid FROM x JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid
  UNION ALL SELECT 'chain', coalesce(e.chain_id, ''), x.rid FROM x JOIN enterprises e ON e.id = x.eid
  UNION ALL SELECT 'region', coalesce(e.region, ''), x.rid FROM x JOIN enterprises e ON e.id = x.eid`;

const OPTION = 'coalesce(text_value, CAST(CAST(num_value AS INTEGER) AS TEXT))';
const UPSERT = 'ON CONFLICT (campaign_id, dimension, group_key, question_key, option) DO UPDATE SET count = count + excluded.count';

/**
 * For the submission batch, after the response and its answers and before the invitation is marked
 * answered: ?1 response id (nothing is written when the batch stored no response, or on a retry of a
 * batch that had committed). The pairing list is read as it stands at submission: a later
 * re-pairing does not move past answers (a recompute would).
 */
export const GROUP_ROLLUP_SQL = `WITH x AS (
  SELECT r.id AS rid, r.campaign_id AS cid, i.enterprise_id AS eid, c.programme_id AS pid
  FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN campaigns c ON c.id = r.campaign_id
  WHERE r.id = ?1 AND i.submitted_at IS NULL
), g AS (${GROUPS}
), a AS (
  SELECT question_key, ${OPTION} AS option, count(*) AS n FROM answers WHERE response_id = ?1 AND ${LIKERT} GROUP BY 1, 2
  UNION ALL SELECT '', '', 1
)
INSERT INTO group_counts (campaign_id, dimension, group_key, question_key, option, count)
SELECT x.cid, g.dimension, g.group_key, a.question_key, a.option, a.n FROM x, g, a WHERE true
${UPSERT}`;

/** Rebuilds group_counts for every round or (with ?1 bound) for one, from the stored responses and answers. */
export function groupRecomputeStatements(one: boolean): string[] {
  const only = (col: string) => (one ? `WHERE ${col} = ?1` : '');
  return [
    `DELETE FROM group_counts ${only('campaign_id')}`,
    // The answers are counted per response and option first, then spread over the response's groups.
    `WITH x AS (
  SELECT r.id AS rid, r.campaign_id AS cid, i.enterprise_id AS eid, c.programme_id AS pid
  FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN campaigns c ON c.id = r.campaign_id ${only('r.campaign_id')}
), g AS (${GROUPS}
), a AS (
  SELECT response_id AS rid, question_key, ${OPTION} AS option, count(*) AS n FROM answers
  WHERE ${one ? 'campaign_id = ?1 AND ' : ''}${LIKERT} GROUP BY 1, 2, 3
  UNION ALL SELECT rid, '', '', 1 FROM x
)
INSERT INTO group_counts (campaign_id, dimension, group_key, question_key, option, count)
SELECT x.cid, g.dimension, g.group_key, a.question_key, a.option, sum(a.n)
FROM a JOIN x ON x.rid = a.rid JOIN g ON g.rid = a.rid
GROUP BY 1, 2, 3, 4, 5`,
  ];
}
