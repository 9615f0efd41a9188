// The coverage and 三个一 rollups (schema/memo-tables.ts: activity_pair_months, activity_counts,
// activity_reach) rebuilt from the raw memos and problems, for after a bug or a manual fix in the
// database, and to prove the triggers of migration 0007 keep them exact (test/integration/
// activity-rollup.test.ts compares both). Plain SQL text, no imports: Node runs this file directly for
// the command line and the benchmark generator. Migration 0007 ends with these same statements, which
// filled the tables for the rows stored before it.

/** Memos, 上门走访 memos, 无诉求 memos and problems closed, per officer × enterprise × month. */
const PAIR_MONTHS = `INSERT INTO activity_pair_months (programme_id, officer_id, enterprise_id, month, memos, onsite, no_request, solved)
SELECT programme_id, officer_id, enterprise_id, month, sum(memos), sum(onsite), sum(no_request), sum(solved)
FROM (
  SELECT programme_id, officer_id, enterprise_id, substr(visit_date, 1, 7) AS month, count(*) AS memos,
    sum(mode = 'onsite') AS onsite, sum(no_request) AS no_request, 0 AS solved
  FROM memos GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT programme_id, officer_id, enterprise_id, substr(closed_on, 1, 7), 0, 0, 0, count(*)
  FROM problems WHERE status = 'closed' AND closed_on IS NOT NULL GROUP BY 1, 2, 3, 4
)
GROUP BY 1, 2, 3, 4`;

/** Each pair-month with the groups it counts in (as the groups stand) and whether it meets 三个一, as `r`. */
const COUNTS = `WITH r AS MATERIALIZED (
  SELECT p.programme_id, p.officer_id, p.month, p.memos, p.onsite,
    (p.onsite > 0 AND (p.solved > 0 OR p.no_request > 0) AND a.id IS NOT NULL) AS met,
    coalesce(u.unit_id, '') AS unit, coalesce(e.chain_id, '') AS chain, coalesce(e.region, '') AS region
  FROM activity_pair_months p
    LEFT JOIN users u ON u.id = p.officer_id
    LEFT JOIN enterprises e ON e.id = p.enterprise_id
    LEFT JOIN assignments a ON a.programme_id = p.programme_id AND a.officer_id = p.officer_id AND a.enterprise_id = p.enterprise_id
)
INSERT INTO activity_counts (programme_id, dimension, month, group_key, contacts, onsite, met)
SELECT programme_id, dimension, month, group_key, sum(memos), sum(onsite), sum(met)
FROM (
  SELECT programme_id, 'total' AS dimension, month, 'all' AS group_key, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'unit', month, unit, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'officer', month, officer_id, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'chain', month, chain, memos, onsite, met FROM r
  UNION ALL SELECT programme_id, 'region', month, region, memos, onsite, met FROM r
)
GROUP BY programme_id, dimension, month, group_key
HAVING sum(memos) <> 0 OR sum(onsite) <> 0 OR sum(met) <> 0`;

/**
 * Per group, each enterprise's months with a memo and the month before it, counted per (month, prev).
 * An enterprise's months are the same in 'total', its chain and its region: worked out once for all three.
 */
const REACH = `WITH v AS MATERIALIZED (
  SELECT p.programme_id, p.officer_id, p.enterprise_id, p.month, coalesce(u.unit_id, '') AS unit
  FROM activity_pair_months p LEFT JOIN users u ON u.id = p.officer_id
  WHERE p.memos > 0
), ep AS (
  SELECT programme_id, enterprise_id, month,
    coalesce(lag(month) OVER (PARTITION BY programme_id, enterprise_id ORDER BY month), '') AS prev
  FROM (SELECT DISTINCT programme_id, enterprise_id, month FROM v)
), up AS (
  SELECT programme_id, unit, month, coalesce(lag(month) OVER (PARTITION BY programme_id, unit, enterprise_id ORDER BY month), '') AS prev
  FROM (SELECT DISTINCT programme_id, unit, enterprise_id, month FROM v)
), op AS (
  SELECT programme_id, officer_id, month,
    coalesce(lag(month) OVER (PARTITION BY programme_id, officer_id, enterprise_id ORDER BY month), '') AS prev
  FROM v
)
INSERT INTO activity_reach (programme_id, dimension, month, group_key, prev, n)
SELECT programme_id, dimension, month, group_key, prev, count(*)
FROM (
  SELECT ep.programme_id, d.dimension, ep.month,
    CASE d.dimension WHEN 'total' THEN 'all' WHEN 'chain' THEN coalesce(e.chain_id, '') ELSE coalesce(e.region, '') END AS group_key, ep.prev
  FROM ep LEFT JOIN enterprises e ON e.id = ep.enterprise_id, (SELECT 'total' AS dimension UNION ALL SELECT 'chain' UNION ALL SELECT 'region') d
  UNION ALL SELECT programme_id, 'unit', month, unit, prev FROM up
  UNION ALL SELECT programme_id, 'officer', month, officer_id, prev FROM op
)
GROUP BY programme_id, dimension, month, group_key, prev`;

/** The statements, in order, rebuilding the three tables for every programme (one atomic batch). */
export function activityRecomputeStatements(): string[] {
  return ['DELETE FROM activity_pair_months', PAIR_MONTHS, 'DELETE FROM activity_counts', COUNTS, 'DELETE FROM activity_reach', REACH];
}
