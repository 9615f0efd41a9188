// Problem-ledger figures (办结率, 解决率, 按期办结率, overdue, median days, 回访率). Programme-wide by
// total, category, lead unit, chain, region and month they come from the problem_counts rollup
// (problem-counts.queries.ts); by officer, on the pages narrowed to one unit or one officer, and for a
// leader's chain or region, they are GROUP BY aggregates in SQL over the problems
// (problems_programme_officer_idx, covering, for officers; problems_programme_raised_idx or the unit index
// otherwise), the median from a histogram of days: counts come back per group, never rows. Rules, with metrics.ts ProblemCounts:
// - due (应办结): the due date (schema/rules/due-date.ts) is in the period and not after today; a
//   problem reopened by a negative 回访 is open again, so not closed;
// - overdue: the ledger's own rule (worker/problems/overdue.ts: open and past a set deadline), within due.
import { type SQL, sql } from 'drizzle-orm';
import { deadlineSql, dueSql } from '../../schema/rules/due-date';
import { type ProblemCounts, ZERO_PROBLEMS } from '../../schema/rules/figures';
import { closedSql, doneSql, openSql, unresolvedSql } from '../../schema/rules/problem-status';
import type { Db } from '../app-env';
import { inPlace, narrowed, type Scope, upToToday } from './period';
import { type DaysRow, type Medians, mediansByGroup, NO_MEDIANS, rolledProblems } from './problem-counts.queries';
import { HISTOGRAM_KINDS, histogramCase, type StoredDimension } from './problem-rollup';
import { valuesTable } from './rollup-sql';
import { readAll } from './sql';

export const PROBLEM_DIMENSIONS = ['category', 'unit', 'officer', 'chain', 'region'] as const;
export type ProblemDimension = (typeof PROBLEM_DIMENSIONS)[number] | 'total' | 'month';

/** Group key and label of each dimension; unit is the 主办单位 (the unit answerable for the problem). */
const GROUPS: Record<ProblemDimension, { key: string; label: string; join: string }> = {
  total: { key: "'all'", label: "''", join: '' },
  category: { key: 'p.category', label: 'p.category', join: '' },
  unit: { key: 'p.lead_unit_id', label: 'u.name', join: 'LEFT JOIN units u ON u.id = p.lead_unit_id' },
  officer: { key: 'p.officer_id', label: 'o.name', join: 'JOIN users o ON o.id = p.officer_id' },
  chain: {
    key: 'e.chain_id',
    label: 'ch.name',
    join: 'JOIN enterprises e ON e.id = p.enterprise_id LEFT JOIN chains ch ON ch.id = e.chain_id',
  },
  region: { key: 'e.region', label: 'e.region', join: 'JOIN enterprises e ON e.id = p.enterprise_id' },
  // By the month the problem falls due; raised and closed counts get their own months (problemTrend).
  month: { key: `substr(${dueSql('p')}, 1, 7)`, label: "''", join: '' },
};

/**
 * The parameters once, as a one-row CTE, so the conditional sums below stay readable. Programme-wide by
 * officer, the problems are read through problems_programme_officer_idx, which covers every column used
 * here: D1 keeps no planner statistics, and without them SQLite takes the due index for the median and
 * then looks every closed problem up for its officer (≈ 3 times as long at 100 k problems).
 */
function base(scope: Scope, by: ProblemDimension, where = sql``): SQL {
  const g = GROUPS[by];
  const dueTo = upToToday(scope.period, scope.today).to;
  const byOfficer = by === 'officer' && !scope.unitId ? sql.raw('INDEXED BY problems_programme_officer_idx') : sql``;
  return sql`WITH prm AS (SELECT ${scope.period.from} AS f, ${scope.period.to} AS t, ${dueTo} AS dt, ${scope.today} AS today),
    base AS (
      SELECT ${sql.raw(g.key)} AS grp, ${sql.raw(g.label)} AS label, p.status, p.raised_on, p.closed_on, p.follow_up, p.follow_up_by,
        p.supervised_on, p.dispatch_days, p.accept_days, p.handling_days, p.extended_deadline,
        ${sql.raw(dueSql('p'))} AS due, ${sql.raw(deadlineSql('p'))} AS deadline
      FROM problems p ${byOfficer} ${sql.raw(g.join)}
      WHERE p.programme_id = ${scope.programmeId}
        ${scope.unitId ? sql`AND p.lead_unit_id = ${scope.unitId}` : sql``}
        ${scope.officerId ? sql`AND p.officer_id = ${scope.officerId}` : sql``}
        ${scope.officerUnitId ? sql`AND p.officer_id IN (SELECT id FROM users WHERE unit_id = ${scope.officerUnitId})` : sql``}
        ${inPlace(scope.place, 'p.enterprise_id')}
        ${where}
    )`;
}

const CLOSED = sql.raw(closedSql(''));

const countsSql = (scope: Scope, by: ProblemDimension) => sql`${base(scope, by)}
  SELECT grp, label,
    sum(raised_on BETWEEN f AND t) AS raised,
    sum(${CLOSED} AND closed_on BETWEEN f AND t) AS closedInPeriod,
    sum(due BETWEEN f AND dt) AS due,
    sum(due BETWEEN f AND dt AND ${CLOSED}) AS dueClosed,
    sum(due BETWEEN f AND dt AND ${CLOSED} AND closed_on <= due) AS dueOnTime,
    sum(due BETWEEN f AND dt AND ${CLOSED} AND follow_up IS NOT NULL) AS dueFollowedUp,
    sum(due BETWEEN f AND dt AND ${sql.raw(doneSql(''))} AND follow_up IN ('satisfied', 'basically')) AS dueResolved,
    sum(due BETWEEN f AND dt AND ${CLOSED} AND follow_up IS NOT NULL AND follow_up_by = 'enterprise') AS dueConfirmed,
    sum(due BETWEEN f AND dt AND ${sql.raw(doneSql(''))} AND follow_up IN ('satisfied', 'basically') AND follow_up_by = 'enterprise')
      AS dueResolvedConfirmed,
    sum(due BETWEEN f AND dt AND ${sql.raw(openSql(''))} AND deadline < today) AS overdue,
    sum(due BETWEEN f AND dt AND ${sql.raw(unresolvedSql(''))}) AS unresolved,
    sum(supervised_on BETWEEN f AND t) AS supervised
  FROM base, prm
  WHERE raised_on BETWEEN f AND t OR due BETWEEN f AND dt OR closed_on BETWEEN f AND t OR supervised_on BETWEEN f AND t
  GROUP BY grp`;

/**
 * Each group's histograms (days to close; working days of 交办, 受理 and handling) over the problems due
 * in the period, one row per group, kind and value; the medians are taken from them as from the
 * rollup's (problem-counts.queries.ts), with the rollup's own expressions (problem-rollup.ts).
 */
const daysSql = (scope: Scope, by: ProblemDimension) => {
  const h = histogramCase('b', 'k.kind');
  return sql`${base(scope, by)}
  SELECT b.grp, k.kind, ${sql.raw(h.value)} AS days, count(*) AS n FROM base b, prm, ${sql.raw(valuesTable('kind', HISTOGRAM_KINDS))} k
  WHERE b.due BETWEEN f AND dt AND ${sql.raw(h.counts)}
  GROUP BY b.grp, k.kind, days`;
};

export type ProblemGroup = ProblemCounts & { key: string | null; label: string | null } & Medians;
type CountRow = Record<keyof ProblemCounts, number | null> & { grp: string | null; label: string | null };

function merge(counts: CountRow[], days: DaysRow[]): ProblemGroup[] {
  const medianOf = mediansByGroup(days);
  return counts.map(({ grp, label, ...c }) => {
    const n = Object.fromEntries(Object.keys(ZERO_PROBLEMS).map((k) => [k, Number(c[k as keyof ProblemCounts] ?? 0)]));
    return { ...(n as ProblemCounts), key: grp, label, ...medianOf(grp) };
  });
}

/** The programme-wide figures the rollup keeps; officers and narrowed scopes read the problems. */
const ROLLED = new Set<ProblemDimension>(['total', 'category', 'unit', 'chain', 'region']);
const rolled = (scope: Scope, by: ProblemDimension) => !narrowed(scope) && ROLLED.has(by);
const byDue = (a: ProblemGroup, b: ProblemGroup) => b.due - a.due || b.raised - a.raised;

/** The figures of a scope grouped by one dimension, largest groups (by problems due) first. */
export async function problemBreakdown(db: Db, scope: Scope, by: ProblemDimension): Promise<ProblemGroup[]> {
  if (rolled(scope, by)) return (await rolledProblems(db, scope, by as StoredDimension)).sort(byDue);
  return (await problemBreakdownRaw(db, scope, by)).sort(byDue);
}

/** The same figures from the problems themselves: narrowed scopes, officers, and the reference for tests. */
export async function problemBreakdownRaw(db: Db, scope: Scope, by: ProblemDimension): Promise<ProblemGroup[]> {
  const [counts, days] = await readAll<[CountRow, DaysRow]>(db, [countsSql(scope, by), daysSql(scope, by)]);
  return merge(counts, days);
}

/** The scope's totals (zeros when it has no problem at all). */
export async function problemTotals(db: Db, scope: Scope): Promise<ProblemGroup> {
  const [row] = await problemBreakdown(db, scope, 'total');
  return row ?? { ...ZERO_PROBLEMS, key: 'all', label: '', ...NO_MEDIANS };
}

/** Per month: raised by the month raised, closed by the month closed, the rest by the month due. */
export async function problemTrend(db: Db, scope: Scope): Promise<Map<string, ProblemGroup>> {
  if (!narrowed(scope)) {
    return new Map((await rolledProblems(db, scope, 'month')).map((g) => [g.key ?? '', { ...g, label: g.key }]));
  }
  return problemTrendRaw(db, scope);
}

export async function problemTrendRaw(db: Db, scope: Scope): Promise<Map<string, ProblemGroup>> {
  // Not "AS grp": GROUP BY would take base's own grp column (the constant 'all') before the alias.
  const byMonth = (col: string, cond: string) => sql`${base(scope, 'total')}
    SELECT substr(${sql.raw(col)}, 1, 7) AS month, count(*) AS n FROM base, prm WHERE ${sql.raw(cond)} GROUP BY month`;
  type MonthCount = { month: string; n: number };
  const [counts, days, raised, closed, supervised] = await readAll<[CountRow, DaysRow, MonthCount, MonthCount, MonthCount]>(db, [
    countsSql(scope, 'month'),
    daysSql(scope, 'month'),
    byMonth('raised_on', 'raised_on BETWEEN f AND t'),
    byMonth('closed_on', `${closedSql('')} AND closed_on BETWEEN f AND t`),
    byMonth('supervised_on', 'supervised_on BETWEEN f AND t'),
  ]);
  const out = new Map<string, ProblemGroup>();
  const get = (m: string) => {
    const g = out.get(m) ?? { ...ZERO_PROBLEMS, key: m, label: m, ...NO_MEDIANS };
    out.set(m, g);
    return g;
  };
  for (const g of merge(counts, days)) if (g.key) Object.assign(get(g.key), g, { raised: 0, closedInPeriod: 0, supervised: 0 });
  for (const r of raised) get(r.month).raised = r.n;
  for (const r of closed) get(r.month).closedInPeriod = r.n;
  for (const r of supervised) get(r.month).supervised = r.n;
  return out;
}
