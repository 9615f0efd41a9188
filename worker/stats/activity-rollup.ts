// The coverage and 三个一 rollups (activity-definition.ts) rebuilt from the raw memos, problems and
// pairing list, for after a bug or a manual fix in the database, and to prove the triggers
// (activity-triggers.ts) keep them exact (test/integration/activity-rollup.test.ts and
// rollup-property.test.ts compare both). Generated from the same definition as the triggers. Node runs
// this file for the command line and the benchmark generator: pure imports only, with their '.ts'.
import { pairMonthMetSql } from '../../schema/rules/three-ones.ts';
import {
  byEnterprise,
  COUNT_KEYS,
  COUNTS,
  DIMENSIONS,
  dimensionTable,
  groupKey,
  groupKeyOf,
  monthsWithPrev,
  PAIR_MONTHS,
  type Pair,
  REACH,
  SOURCES,
} from './activity-definition.ts';
import { caseOf, insertInto } from './rollup-sql.ts';

/** `WHERE`/`AND` text narrowing `col` to the programme bound as ?1, when rebuilding one programme. */
const onlyProgramme = (one: boolean, col: string) => (one ? `${col} = ?1 AND ` : '');

/** What every source adds, per officer × enterprise × month. */
function pairMonths(one: boolean): string {
  const counts = PAIR_MONTHS.counts;
  const parts = SOURCES.map(({ table, adds }) => {
    const a = adds.adds('r');
    return `SELECT r.programme_id, r.officer_id, r.enterprise_id, ${adds.month('r')} AS month,
    ${COUNT_KEYS.map((k, i) => `sum(${a[k]}) AS ${counts[i]}`).join(', ')}
  FROM ${table} r WHERE ${onlyProgramme(one, 'r.programme_id')}${adds.when?.('r') ?? 'true'} GROUP BY 1, 2, 3, 4`;
  });
  return `${insertInto(PAIR_MONTHS)}
SELECT programme_id, officer_id, enterprise_id, month, ${counts.map((c) => `sum(${c})`).join(', ')}
FROM (
  ${parts.join('\n  UNION ALL\n  ')}
)
GROUP BY 1, 2, 3, 4`;
}

/** The groups of a pair-month `p`, read from its officer's users row `u` and its enterprise `e`. */
const joined: Pair = { officer: 'p.officer_id', user: (c) => `u.${c}`, enterprise: (c) => `e.${c}` };

/** Each pair-month with its group keys and whether it meets 三个一, as `r`, then summed per group. */
const counts = (one: boolean) => `WITH r AS MATERIALIZED (
  SELECT p.programme_id, p.month, p.memos, p.onsite, (${pairMonthMetSql('p')}) AS met,
    ${DIMENSIONS.map((d) => `${groupKey(d, joined)} AS g_${d.name}`).join(', ')}
  FROM activity_pair_months p
    LEFT JOIN users u ON u.id = p.officer_id
    LEFT JOIN enterprises e ON e.id = p.enterprise_id
  WHERE ${onlyProgramme(one, 'p.programme_id')}true
)
${insertInto(COUNTS)}
SELECT r.programme_id, d.dimension, r.month, ${caseOf(
  'd.dimension',
  DIMENSIONS.map((d) => [d.name, `r.g_${d.name}`]),
)} AS group_key, sum(r.memos), sum(r.onsite), sum(r.met)
FROM r, ${dimensionTable()} d
GROUP BY 1, 2, 3, 4
HAVING sum(r.memos) <> 0 OR sum(r.onsite) <> 0 OR sum(r.met) <> 0`;

/**
 * Per group, each enterprise's months with a memo and the month before, counted per (month, prev). The
 * dimensions whose groups follow from the enterprise share its months: worked out once for all of them.
 */
function reach(one: boolean): string {
  const ofEnterprise = DIMENSIONS.filter(byEnterprise);
  const others = DIMENSIONS.filter((d) => !byEnterprise(d));
  const enterprise: Pair = { officer: 'NULL', user: () => 'NULL', enterprise: (c) => `e.${c}` };
  return `WITH v AS MATERIALIZED (
  SELECT p.programme_id, p.enterprise_id, p.month, ${others.map((d) => `${groupKey(d, joined)} AS g_${d.name}`).join(', ')}
  FROM activity_pair_months p LEFT JOIN users u ON u.id = p.officer_id
  WHERE ${onlyProgramme(one, 'p.programme_id')}p.memos > 0
)
${insertInto(REACH)}
SELECT programme_id, dimension, month, group_key, prev, count(*)
FROM (
  SELECT m.programme_id, d.dimension, m.month, ${groupKeyOf('d.dimension', enterprise, ofEnterprise)} AS group_key, m.prev
  FROM (${monthsWithPrev("(SELECT programme_id, '' AS group_key, enterprise_id, month FROM v)")}) m
    LEFT JOIN enterprises e ON e.id = m.enterprise_id, ${dimensionTable(ofEnterprise)} d
  ${others
    .map(
      (d) => `UNION ALL SELECT programme_id, '${d.name}', month, group_key, prev
  FROM (${monthsWithPrev(`(SELECT programme_id, g_${d.name} AS group_key, enterprise_id, month FROM v)`)})`,
    )
    .join('\n  ')}
)
GROUP BY programme_id, dimension, month, group_key, prev`;
}

/**
 * The statements, in order, rebuilding the three tables (one atomic batch): for every programme, or
 * (`one`, ?1 bound to its id) for one — a step of the recompute job (recompute-job.ts).
 */
export function activityRecomputeStatements(one = false): string[] {
  const clear = (t: string) => `DELETE FROM ${t}${one ? ' WHERE programme_id = ?1' : ''}`;
  return [clear(PAIR_MONTHS.name), pairMonths(one), clear(COUNTS.name), counts(one), clear(REACH.name), reach(one)];
}
