// The coverage and 三个一 rollups (schema/memo-tables.ts: activity_pair_months, activity_counts,
// activity_reach), defined once. What a memo and a problem add to their officer × enterprise × month
// and when a pair-month meets 三个一 are the rule's (schema/rules/three-ones.ts); here are the tables,
// the sources that feed them, the dimensions a pair-month counts in and each dimension's group key, and
// how activity_reach counts an enterprise's months in a group. The recompute (activity-rollup.ts) and
// the triggers (activity-triggers.ts) are both generated from these pieces. Node runs them (the
// recompute's command line, the migration printer): pure imports only, with their '.ts'.
import { type Contribution, MEMO, type MonthCounts, PAIR_MONTH_COLUMNS, SOLVED_PROBLEM } from '../../schema/rules/three-ones.ts';
import { caseOf, type RollupTable, valuesTable } from './rollup-sql.ts';

/** The counts of a pair-month, in the order of its columns. */
export const COUNT_KEYS: readonly (keyof MonthCounts)[] = ['contacts', 'onsite', 'noRequest', 'solved'];

export const PAIR_MONTHS: RollupTable = {
  name: 'activity_pair_months',
  keys: ['programme_id', 'officer_id', 'enterprise_id', 'month'],
  counts: COUNT_KEYS.map((k) => PAIR_MONTH_COLUMNS[k]),
};
export const COUNTS: RollupTable = {
  name: 'activity_counts',
  keys: ['programme_id', 'dimension', 'month', 'group_key'],
  counts: ['contacts', 'onsite', 'met'],
};
export const REACH: RollupTable = {
  name: 'activity_reach',
  keys: ['programme_id', 'dimension', 'month', 'group_key', 'prev'],
  counts: ['n'],
};

/** A table whose rows add to pair-months, and what each row adds (programme_id, officer_id, enterprise_id are the pair's). */
export type Source = { table: 'memos' | 'problems'; name: 'memo' | 'problem'; adds: Contribution };
export const SOURCES: readonly Source[] = [
  { table: 'memos', name: 'memo', adds: MEMO },
  { table: 'problems', name: 'problem', adds: SOLVED_PROBLEM },
];
export const PAIR_COLUMNS = ['programme_id', 'officer_id', 'enterprise_id'] as const;

/**
 * Where a pair's group keys are read from, as SQL: the officer's id, a column of the officer's users row,
 * a column of the enterprise's row. A trigger reads them by subquery, the recompute from its joins.
 */
export type Pair = { officer: string; user: (column: string) => string; enterprise: (column: string) => string };

/** The pair of a row under `r` with officer_id and enterprise_id, its groups looked up as they stand. */
export const pairOf = (r: string): Pair => ({
  officer: `${r}.officer_id`,
  user: (c) => `(SELECT ${c} FROM users WHERE id = ${r}.officer_id)`,
  enterprise: (c) => `(SELECT ${c} FROM enterprises WHERE id = ${r}.enterprise_id)`,
});

/**
 * A dimension's groups: the whole programme, each officer, or the values of a column of the officer's
 * user row (unit: the officer's own unit) or of the enterprise ('' for none). The groups are always as
 * they stand: moving an officer or an enterprise moves its counts (the triggers on users and enterprises).
 */
export type Dimension =
  | { name: string; by: 'all' }
  | { name: string; by: 'officer' }
  | { name: string; by: 'user' | 'enterprise'; column: string };

export const DIMENSIONS: readonly Dimension[] = [
  { name: 'total', by: 'all' },
  { name: 'unit', by: 'user', column: 'unit_id' },
  { name: 'officer', by: 'officer' },
  { name: 'chain', by: 'enterprise', column: 'chain_id' },
  { name: 'region', by: 'enterprise', column: 'region' },
];

/** The group key of a pair under a dimension. */
export function groupKey(d: Dimension, p: Pair): string {
  if (d.by === 'all') return "'all'";
  if (d.by === 'officer') return p.officer;
  return `coalesce(${d.by === 'user' ? p.user(d.column) : p.enterprise(d.column)}, '')`;
}

/** The dimensions as a one-column table `dimension`. */
export const dimensionTable = (dims: readonly Dimension[] = DIMENSIONS) =>
  valuesTable(
    'dimension',
    dims.map((d) => d.name),
  );

/** The group key of a pair under the dimension named in `dimension` (a column, e.g. d.dimension). */
export const groupKeyOf = (dimension: string, p: Pair, dims: readonly Dimension[] = DIMENSIONS) =>
  caseOf(
    dimension,
    dims.map((d) => [d.name, groupKey(d, p)]),
  );

/**
 * activity_reach counts, per group, each enterprise's months with a memo in the group and the month
 * before it there ('' for none), so a period's enterprises are those counted at a month in it with
 * prev before it. These are those rows, from `rows` (programme_id, group_key, enterprise_id, month, one
 * or more rows per month). A dimension whose groups follow from the enterprise ('all', 'enterprise') has
 * the same months in each: the recompute and the enterprise trigger work them out once, under ''.
 */
export const monthsWithPrev = (rows: string) => `SELECT programme_id, group_key, enterprise_id, month,
      coalesce(lag(month) OVER (PARTITION BY programme_id, group_key, enterprise_id ORDER BY month), '') AS prev
    FROM (SELECT DISTINCT programme_id, group_key, enterprise_id, month FROM ${rows})`;

export const byEnterprise = (d: Dimension) => d.by === 'all' || d.by === 'enterprise';
