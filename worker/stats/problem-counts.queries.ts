// The ledger figures of the programme as a whole, by 问题类别, 主办单位, chain, region and month, read
// from the problem_counts rollup (worker/stats/problem-rollup.ts): each figure is the sum of its kind's
// rows over the whole months of its period plus the edge days (period-split.ts). The periods, as in
// problems.queries.ts: raised and closed over [from, to]; the due figures over [from, min(to, today)];
// overdue over the days before today. The median (办结用时) adds the month histograms and, for the
// edge days, the closed problems due then (index problems_programme_due_idx).
import { type SQL, sql } from 'drizzle-orm';
import { dueSql } from '../../schema/rules/due-date';
import { type ProblemCounts, ZERO_PROBLEMS } from '../../schema/rules/figures';
import type { Db } from '../app-env';
import { type Scope, upToToday } from './period';
import { dayBefore, type SplitPeriod, splitPeriod } from './period-split';
import { HISTOGRAM_KINDS, histogramCase, type StoredDimension } from './problem-rollup';
import { valuesTable } from './rollup-sql';
import { readAll } from './sql';

export type RolledDimension = StoredDimension | 'month';

/** Which ProblemCounts field each kind adds to. */
const FIELD: Record<string, keyof ProblemCounts> = {
  raised: 'raised',
  closed: 'closedInPeriod',
  due: 'due',
  dueClosed: 'dueClosed',
  dueOnTime: 'dueOnTime',
  dueFollowedUp: 'dueFollowedUp',
  dueResolved: 'dueResolved',
  dueConfirmed: 'dueConfirmed',
  dueResolvedConfirmed: 'dueResolvedConfirmed',
  unresolved: 'unresolved',
  openDated: 'overdue',
  supervised: 'supervised',
};
const DUE_KINDS = ['due', 'dueClosed', 'dueOnTime', 'dueFollowedUp', 'dueResolved', 'dueConfirmed', 'dueResolvedConfirmed', 'unresolved'];

/**
 * Group key of the rollup rows `c`; label of a group `x` once added up (joined after the GROUP BY, so
 * once per group, not per row); key of raw problems `p` (for the median's edge days).
 */
const GROUPS: Record<RolledDimension, { stored: StoredDimension; key: string; label: string; join: string; raw: string; rawJoin: string }> =
  {
    total: { stored: 'total', key: "'all'", label: "''", join: '', raw: "'all'", rawJoin: '' },
    category: { stored: 'category', key: 'c.group_key', label: 'x.grp', join: '', raw: 'p.category', rawJoin: '' },
    unit: {
      stored: 'unit',
      key: "nullif(c.group_key, '')",
      label: 'u.name',
      join: 'LEFT JOIN units u ON u.id = x.grp',
      raw: 'p.lead_unit_id',
      rawJoin: '',
    },
    chain: {
      stored: 'chain',
      key: "nullif(c.group_key, '')",
      label: 'ch.name',
      join: 'LEFT JOIN chains ch ON ch.id = x.grp',
      raw: 'e.chain_id',
      rawJoin: 'JOIN enterprises e ON e.id = p.enterprise_id',
    },
    region: {
      stored: 'region', // never null (enterprises.region NOT NULL), so '' is a region of its own
      key: 'c.group_key',
      label: 'x.grp',
      join: '',
      raw: 'e.region',
      rawJoin: 'JOIN enterprises e ON e.id = p.enterprise_id',
    },
    // By the month of each kind's own date: raised in the month raised, closed in the month closed, the rest due.
    month: { stored: 'total', key: 'substr(c.period, 1, 7)', label: 'x.grp', join: '', raw: 'substr(due, 1, 7)', rawJoin: '' },
  };

/**
 * The rollup rows to add up, as (grain, kind, first, last) ranges joined to problem_counts: each is one
 * seek along its primary key (programme, dimension, grain, kind, period …) reading only that kind's
 * rows — an OR of ranges in the WHERE clause made SQLite read every row of the dimension. A VALUES
 * list, because D1 allows at most 5 terms in a compound SELECT. The kind is written as a literal (it is
 * one of the fixed names of problem-rollup.ts, never input): bound, the ranges of the 12 kinds passed
 * D1's 100 bound parameters (issue 16 added two).
 */
function ranges(parts: { split: SplitPeriod; kinds: string[] }[]): SQL {
  const rows: SQL[] = [];
  for (const { split, kinds } of parts) {
    for (const name of kinds) {
      if (!/^[A-Za-z]+$/.test(name)) throw new Error(`not a rollup kind: ${name}`);
      const kind = sql.raw(`'${name}'`);
      for (const [from, to] of split.days) rows.push(sql`('d', ${kind}, ${from}, ${to})`);
      if (split.months) rows.push(sql`('m', ${kind}, ${split.months[0]}, ${split.months[1]})`);
    }
  }
  return rows.length
    ? sql`(VALUES ${sql.join(rows, sql`, `)})`
    : sql`(SELECT NULL AS column1, NULL AS column2, NULL AS column3, NULL AS column4 WHERE 0)`;
}

type CountRow = { grp: string | null; label: string | null; kind: string; n: number };
/** One bar of a histogram (problem-rollup.ts histogramsOf): `n` problems of group `grp` took `days`. */
export type DaysRow = { grp: string | null; kind: string; days: number; n: number };

/** The medians of the histograms: days to close, and the working days of 交办, 受理 and handling. */
export type Medians = {
  medianDays: number | null;
  medianDispatchDays: number | null;
  medianAcceptDays: number | null;
  medianHandlingDays: number | null;
};
const MEDIAN_OF: Record<string, keyof Medians> = {
  days: 'medianDays',
  dispatchDays: 'medianDispatchDays',
  acceptDays: 'medianAcceptDays',
  handlingDays: 'medianHandlingDays',
};
export const NO_MEDIANS: Medians = { medianDays: null, medianDispatchDays: null, medianAcceptDays: null, medianHandlingDays: null };

export type RolledGroup = ProblemCounts & { key: string | null; label: string | null } & Medians;

/** The median of a histogram: the middle value, or the mean of the two middle values. */
function median(hist: { days: number; n: number }[]): number | null {
  const total = hist.reduce((s, h) => s + h.n, 0);
  if (total === 0) return null;
  const sorted = [...hist].sort((a, b) => a.days - b.days);
  const at = (pos: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (seen >= pos) return h.days;
    }
    return sorted.at(-1)?.days ?? 0;
  };
  return (at(Math.floor((total + 1) / 2)) + at(Math.floor((total + 2) / 2))) / 2;
}

/** Each group's medians, from histogram rows of many groups and kinds (the rollup's, or the problems' own). */
export function mediansByGroup(days: readonly DaysRow[]): (grp: string | null) => Medians {
  const hist = new Map<string | null, Map<string, DaysRow[]>>();
  for (const d of days) {
    const kinds = hist.get(d.grp) ?? new Map<string, DaysRow[]>();
    hist.set(d.grp, kinds);
    const list = kinds.get(d.kind);
    if (list) list.push(d);
    else kinds.set(d.kind, [d]);
  }
  return (grp) => {
    const out = { ...NO_MEDIANS };
    for (const [kind, list] of hist.get(grp) ?? []) {
      const field = MEDIAN_OF[kind];
      if (field) out[field] = median(list);
    }
    return out;
  };
}

/** Every group of a dimension with a figure in the scope's period (groups with nothing left are dropped). */
export async function rolledProblems(db: Db, scope: Scope, by: RolledDimension): Promise<RolledGroup[]> {
  const g = GROUPS[by];
  const { from, to } = scope.period;
  const dueTo = upToToday(scope.period, scope.today).to;
  const overdueTo = dueTo < scope.today ? dueTo : dayBefore(scope.today);
  const raisedSplit = splitPeriod(from, to);
  const dueSplit = splitPeriod(from, dueTo);
  const rows = (r: SQL) => sql`FROM ${r} r JOIN problem_counts c ON c.programme_id = ${scope.programmeId} AND c.dimension = ${g.stored}
      AND c.grain = r.column1 AND c.kind = r.column2 AND c.period BETWEEN r.column3 AND r.column4`;
  const dueOf = sql.raw(dueSql('p'));
  const edgeDays = dueSplit.days.map(([f, t]) => sql`${dueOf} BETWEEN ${f} AND ${t}`);
  const edge = histogramCase('p', 'h.kind');
  const [counts, days] = await readAll<[CountRow, DaysRow]>(db, [
    sql`SELECT x.grp, ${sql.raw(g.label)} AS label, x.kind, x.n FROM (SELECT ${sql.raw(g.key)} AS grp, c.kind, sum(c.n) AS n
      ${rows(
        ranges([
          { split: raisedSplit, kinds: ['raised', 'closed', 'supervised'] },
          { split: dueSplit, kinds: DUE_KINDS },
          { split: splitPeriod(from, overdueTo), kinds: ['openDated'] },
        ]),
      )}
      GROUP BY grp, c.kind) x ${sql.raw(g.join)}`,
    // The month rows of every histogram, and for the edge days the problems due then, each adding its
    // value to each histogram it has one for (closed ones only for days to close and handling).
    sql`SELECT grp, kind, days, sum(n) AS n FROM (
        SELECT ${sql.raw(g.key)} AS grp, c.kind, c.days, c.n
        ${rows(ranges([{ split: { months: dueSplit.months, days: [] }, kinds: HISTOGRAM_KINDS }]))}
        UNION ALL
        SELECT ${sql.raw(g.raw)} AS grp, h.kind, ${sql.raw(edge.value)}, 1
        FROM (SELECT *, ${dueOf} AS due FROM problems p) p ${sql.raw(g.rawJoin)}, ${sql.raw(valuesTable('kind', HISTOGRAM_KINDS))} h
        WHERE p.programme_id = ${scope.programmeId} AND ${sql.raw(edge.counts)}
          AND ${edgeDays.length ? sql`(${sql.join(edgeDays, sql` OR `)})` : sql`0`}
      ) GROUP BY grp, kind, days`,
  ]);
  const groups = new Map<string | null, RolledGroup>();
  for (const r of counts) {
    const group = groups.get(r.grp) ?? { ...ZERO_PROBLEMS, key: r.grp, label: r.label, ...NO_MEDIANS };
    groups.set(r.grp, group);
    const field = FIELD[r.kind];
    if (field) group[field] += r.n;
  }
  const medianOf = mediansByGroup(days);
  const out: RolledGroup[] = [];
  for (const group of groups.values()) {
    if (Object.keys(ZERO_PROBLEMS).every((k) => group[k as keyof ProblemCounts] === 0)) continue; // all moved away
    out.push({ ...group, ...medianOf(group.key) });
  }
  return out;
}
