// The one statement behind activityBreakdown (activity.queries.ts): the trigger-kept rollups
// (schema/memo-tables.ts) for the programme-wide dimensions, the pair-months of the few officers a unit
// or officer page narrows to (or of a leader's chain or region), the memos of the days of months a period only partly spans (the rollups
// have a month grain; covering index memos_programme_date_people_idx), and the pairing list. A
// pair-month meets 三个一 by schema/rules/three-ones.ts, as in the rollups.
import { type SQL, sql } from 'drizzle-orm';
import { countsForSql } from '../../schema/rules/pairing';
import { pairMonthMetSql } from '../../schema/rules/three-ones';
import type { ActivityDimension } from './activity.queries';
import { inPlace, type Scope } from './period';
import { splitPeriod } from './period-split';

// `m` is a memo, a pair-month or a pairing, `o` its officer and `e` its enterprise (joined only when a
// key needs them). The label of a group is looked up by its key (`t.grp`), as it stands.
const GROUPS: Record<ActivityDimension, { key: string; label: string }> = {
  total: { key: "'all'", label: "''" },
  unit: { key: 'o.unit_id', label: '(SELECT name FROM units WHERE id = t.grp)' }, // the officer's own unit
  officer: { key: 'm.officer_id', label: '(SELECT name FROM users WHERE id = t.grp)' },
  chain: { key: 'e.chain_id', label: '(SELECT name FROM chains WHERE id = t.grp)' },
  region: { key: 'e.region', label: 't.grp' },
  month: { key: 'substr(m.visit_date, 1, 7)', label: 't.grp' },
};

const joins = (by: ActivityDimension) =>
  sql.raw(
    by === 'unit'
      ? 'JOIN users o ON o.id = m.officer_id'
      : by === 'chain' || by === 'region'
        ? 'JOIN enterprises e ON e.id = m.enterprise_id'
        : '',
  );

type Plan = {
  by: ActivityDimension;
  programmeId: string;
  /** Whole months of the period (coverage), and the months of 三个一. */
  months: { from: string; to: string } | null;
  met: { from: string; to: string } | null;
  /** The days of the months the period only partly spans (period-split.ts). */
  days: [string, string][];
  /**
   * What a unit or officer page (its officers) or a leader's chain or region (its enterprises) narrows
   * to, as a condition on `m` ("AND …", a memo, pair-month or pairing); null: the whole programme.
   */
  narrow: SQL | null;
};

const between = (col: string, r: { from: string; to: string } | null) =>
  r ? sql`${sql.raw(col)} BETWEEN ${r.from} AND ${r.to}` : sql`false`;

/** The months either figure reads. */
function span(plan: Plan): { from: string; to: string } | null {
  const ranges = [plan.months, plan.met].filter((r) => r !== null);
  const froms = ranges.map((r) => r.from).sort();
  const tos = ranges.map((r) => r.to).sort();
  return froms[0] && tos[0] ? { from: froms[0], to: tos[tos.length - 1] ?? tos[0] } : null;
}

/** The memos of the edge days (narrowed, if the page is), as rows of `select`, or nothing. */
function edgeMemos(plan: Plan, select: SQL): SQL[] {
  if (!plan.days.length) return [];
  const days = sql.join(
    plan.days.map(([from, to]) => sql`m.visit_date BETWEEN ${from} AND ${to}`),
    sql` OR `,
  );
  return [
    sql`SELECT ${select} FROM memos m ${joins(plan.by)} WHERE m.programme_id = ${plan.programmeId} AND (${days}) ${plan.narrow ?? sql``}`,
  ];
}

/**
 * Every programme-wide dimension has its own counters: visits and 三个一 per month in activity_counts,
 * enterprises reached over the whole months from activity_reach (each enterprise counted at its
 * first month in the range: prev before the range), and those reached only on the edge days, from
 * the memos, when no memo of the group reached them in the whole months.
 */
function rollupParts(plan: Plan): SQL[] {
  const { by, programmeId: p } = plan;
  const dim = by === 'month' ? 'total' : by;
  const key = sql.raw(by === 'month' ? 'month' : by === 'unit' || by === 'chain' ? "nullif(group_key, '')" : 'group_key');
  const range = span(plan);
  const parts: SQL[] = [];
  if (range) {
    parts.push(sql`SELECT ${key} AS grp, 0 AS enterprises,
        sum(CASE WHEN ${between('month', plan.months)} THEN contacts ELSE 0 END) AS contacts,
        sum(CASE WHEN ${between('month', plan.months)} THEN onsite ELSE 0 END) AS onsite,
        sum(CASE WHEN ${between('month', plan.met)} THEN met ELSE 0 END) AS met, 0 AS pairs, 0 AS paired
      FROM activity_counts WHERE programme_id = ${p} AND dimension = ${dim} AND month BETWEEN ${range.from} AND ${range.to}
      GROUP BY grp`);
  }
  if (plan.months) {
    const first = by === 'month' ? sql`` : sql`AND prev < ${plan.months.from}`;
    parts.push(sql`SELECT ${key}, sum(n), 0, 0, 0, 0, 0 FROM activity_reach
      WHERE programme_id = ${p} AND dimension = ${dim} AND ${between('month', plan.months)} ${first}
      GROUP BY 1`);
  }
  // An edge-day memo's enterprise is new to its group unless the group met it in the whole months:
  // grouped per enterprise first, so each is looked up once.
  const visited = {
    total: '',
    chain: '',
    region: '',
    officer: 'AND x.officer_id = m.officer_id',
    unit: 'AND (SELECT unit_id FROM users WHERE id = x.officer_id) IS o.unit_id',
  };
  const fresh =
    by === 'month' || !plan.months
      ? sql`1`
      : sql`NOT EXISTS (SELECT 1 FROM activity_pair_months x WHERE x.programme_id = m.programme_id AND x.enterprise_id = m.enterprise_id
          AND x.memos > 0 AND ${between('x.month', plan.months)} ${sql.raw(visited[by])})`;
  const edge = edgeMemos(
    plan,
    sql`${sql.raw(GROUPS[by].key)} AS grp, ${fresh} AS fresh, count(*) AS contacts, sum(m.mode = 'onsite') AS onsite`,
  );
  return [
    ...parts,
    ...edge.map(
      (q) => sql`SELECT grp, sum(fresh), sum(contacts), sum(onsite), 0, 0, 0 FROM (${q} GROUP BY grp, m.enterprise_id) GROUP BY grp`,
    ),
  ];
}

/**
 * A unit or officer page narrows to a few officers, a leader's chain or region to its enterprises: their
 * pair-months, grouped as the page asks (any dimension, the groups as they stand), are a part of the
 * programme's, and enterprises reached in the whole months and on the edge days are counted together.
 */
function narrowedParts(plan: Plan, narrow: SQL): SQL[] {
  const { by, programmeId: p } = plan;
  const range = span(plan);
  const rows: SQL[] = [];
  if (range) {
    const key = sql.raw(by === 'month' ? 'm.month' : GROUPS[by].key);
    rows.push(sql`SELECT ${key} AS grp, CASE WHEN ${between('m.month', plan.months)} AND m.memos > 0 THEN m.enterprise_id END AS reached,
        CASE WHEN ${between('m.month', plan.months)} THEN m.memos ELSE 0 END AS contacts,
        CASE WHEN ${between('m.month', plan.months)} THEN m.onsite ELSE 0 END AS onsite,
        ${between('m.month', plan.met)} AND ${sql.raw(pairMonthMetSql('m'))} AS met
      FROM activity_pair_months m ${joins(by)}
      WHERE m.programme_id = ${p} ${narrow} AND m.month BETWEEN ${range.from} AND ${range.to}`);
  }
  rows.push(
    ...edgeMemos(
      plan,
      sql`${sql.raw(GROUPS[by].key)} AS grp, m.enterprise_id AS reached, 1 AS contacts, m.mode = 'onsite' AS onsite, 0 AS met`,
    ),
  );
  if (!rows.length) return [];
  return [
    sql`SELECT grp, count(DISTINCT reached), sum(contacts), sum(onsite), sum(met), 0, 0 FROM (${sql.join(rows, sql` UNION ALL `)}) GROUP BY grp`,
  ];
}

/**
 * The pairing list: per group, the pairs counted over the 三个一 months (a pair counts for a month when
 * it is in force on the 15th: schema/rules/pairing.ts) and the enterprises paired in any of them. By
 * month, each month is its own group.
 */
function pairsPart(plan: Plan, months: string[]): SQL {
  const key = sql.raw(plan.by === 'month' ? 'mo.value' : GROUPS[plan.by].key);
  return sql`SELECT ${key}, 0, 0, 0, 0, count(*), count(DISTINCT m.enterprise_id)
    FROM assignments m JOIN json_each(${JSON.stringify(months)}) mo ON ${sql.raw(countsForSql('m', 'mo.value'))} ${joins(plan.by)}
    WHERE m.programme_id = ${plan.programmeId} ${plan.narrow ?? sql``} GROUP BY 1`;
}

/** One row per group: grp, label, enterprises, contacts, onsite, met, pairs (over the months), paired. */
export function activitySql(scope: Scope, by: ActivityDimension, months: string[]): SQL {
  const { months: whole, days } = splitPeriod(scope.period.from, scope.period.to);
  const officers =
    scope.unitId || scope.officerId
      ? sql`AND m.officer_id IN (SELECT id FROM users WHERE true ${scope.unitId ? sql`AND unit_id = ${scope.unitId}` : sql``} ${scope.officerId ? sql`AND id = ${scope.officerId}` : sql``})`
      : null;
  const narrow = officers || scope.place ? sql`${officers ?? sql``} ${inPlace(scope.place, 'm.enterprise_id')}` : null;
  const plan: Plan = {
    by,
    programmeId: scope.programmeId,
    months: whole && { from: whole[0], to: whole[1] },
    met: months.length ? { from: months[0] as string, to: months.at(-1) as string } : null,
    days,
    narrow,
  };
  const parts = [...(narrow ? narrowedParts(plan, narrow) : rollupParts(plan)), pairsPart(plan, months)];
  return sql`SELECT t.grp, ${sql.raw(GROUPS[by].label)} AS label, t.enterprises, t.contacts, t.onsite, t.met, t.pairs, t.paired
    FROM (SELECT grp, sum(enterprises) AS enterprises, sum(contacts) AS contacts, sum(onsite) AS onsite, sum(met) AS met,
        sum(pairs) AS pairs, sum(paired) AS paired
      FROM (SELECT NULL AS grp, 0 AS enterprises, 0 AS contacts, 0 AS onsite, 0 AS met, 0 AS pairs, 0 AS paired WHERE false
        UNION ALL ${sql.join(parts, sql` UNION ALL `)})
      GROUP BY grp) t
    WHERE t.contacts > 0 OR t.met > 0 OR t.pairs > 0
    ORDER BY t.grp`;
}
