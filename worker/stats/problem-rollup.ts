// The problem_counts rollup (schema/memo-tables.ts): what each problem adds to the ledger figures of
// DESIGN §6, per dimension × group × day and × month. One SELECT turns a problem row into its
// contributions; the triggers (problemRollupTriggers) add NEW's and subtract OLD's on every insert, update
// and delete, inside the writing statement's transaction, so every write path keeps the rollup exact
// (the memo batch, the transitions, fixtures that insert raw rows). The recompute runs the same
// SELECT over every problem. Node runs this file (recompute-print.ts, the bench, scripts/
// rollup-migration.ts): pure imports only, with their '.ts'. When a problem is due and which states
// count as open or closed are the rules of schema/rules/due-date.ts and problem-status.ts.
//
// Dimensions: the whole programme, 问题类别, 主办单位 (lead unit), and the enterprise's chain and
// region — the few groups the overview, the breakdowns and the work report show. Officers (200 groups
// of a few hundred problems each) and the unit and officer pages, narrowed to one unit's or one
// officer's problems, read the problems themselves through their indexes (problems.queries.ts): a
// rollup that fine had as many rows as the ledger (measured: 26 per problem with officer dimensions).
// The median's histogram ('days') is kept per month only: per day it would be a row per problem. A
// problem adds about 5 kinds × 5 dimensions × 2 grains rows, so an insert is ≈ 50 upserts; problems are
// written by people, a few a minute at most.
import { deadlineSql, dueSql } from '../../schema/rules/due-date.ts';
import { closedSql, openSql, unresolvableSql } from '../../schema/rules/problem-status.ts';
import { caseOf, type Trigger, trigger, valuesTable } from './rollup-sql.ts';

/** The row a contribution is computed from: the problem's own columns, under alias `q`. */
const COLUMNS = [
  'programme_id',
  'category',
  'lead_unit_id',
  'officer_id',
  'enterprise_id',
  'raised_on',
  'deadline',
  'extended_deadline',
  'status',
  'closed_on',
  'follow_up',
] as const;

export const PROBLEM_DIMENSIONS_STORED = ['total', 'category', 'unit', 'chain', 'region'] as const;
export type StoredDimension = (typeof PROBLEM_DIMENSIONS_STORED)[number];

const DUE = dueSql('q');
const CLOSED = closedSql('q');

/** Each kind and the date a problem counts on under it (NULL: it does not count). */
const KINDS: Record<string, string> = {
  raised: 'q.raised_on',
  closed: `CASE WHEN ${CLOSED} THEN q.closed_on END`,
  due: DUE,
  dueClosed: `CASE WHEN ${CLOSED} THEN ${DUE} END`,
  dueOnTime: `CASE WHEN ${CLOSED} AND q.closed_on <= ${DUE} THEN ${DUE} END`,
  dueFollowedUp: `CASE WHEN ${CLOSED} AND q.follow_up IS NOT NULL THEN ${DUE} END`,
  dueResolved: `CASE WHEN ${CLOSED} AND q.follow_up IN ('satisfied', 'basically') THEN ${DUE} END`,
  unresolvable: `CASE WHEN ${unresolvableSql('q')} THEN ${DUE} END`,
  // Open with a deadline: overdue once the day after it has begun (worker/problems/overdue.ts).
  openDated: `CASE WHEN ${openSql('q')} AND ${deadlineSql('q')} IS NOT NULL THEN ${DUE} END`,
  days: `CASE WHEN ${CLOSED} THEN ${DUE} END`,
};

/** The dimensions whose groups are a column of the problem's enterprise, as it stands. */
const OF_ENTERPRISE = { chain: 'chain_id', region: 'region' } as const;
const enterpriseKey = (e: string, column: string) => `coalesce(${e}.${column}, '')`;

const KEYS: Record<StoredDimension, string> = {
  total: "''",
  category: 'p.category',
  unit: "coalesce(p.lead_unit_id, '')",
  chain: enterpriseKey('e', OF_ENTERPRISE.chain),
  region: enterpriseKey('e', OF_ENTERPRISE.region),
};

/**
 * The contributions of the rows of `source` (a table, or a one-row subquery of NEW or OLD in a
 * trigger), each worth `n`, under `dimensions`, the enterprise's groups read from `enterprises`. No WITH
 * clause: SQLite refuses common table expressions inside triggers.
 */
function contributions(
  source: string,
  n: string,
  grains = ['d', 'm'],
  { enterprises = 'enterprises', dimensions = PROBLEM_DIMENSIONS_STORED as readonly StoredDimension[] } = {},
): string {
  const kinds = Object.keys(KINDS);
  return `SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    ${caseOf(
      'd.dimension',
      PROBLEM_DIMENSIONS_STORED.map((dim) => [dim, KEYS[dim]]),
    )} AS group_key,
    p.kind, p.days, ${n} AS n
  FROM (
    SELECT ${COLUMNS.map((c) => `q.${c}`).join(', ')}, k.kind,
      ${caseOf(
        'k.kind',
        kinds.map((kind) => [kind, KINDS[kind] as string]),
      )} AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM ${source} q, ${valuesTable('kind', kinds)} k
  ) p
  LEFT JOIN ${enterprises} e ON e.id = p.enterprise_id,
  ${valuesTable('dimension', dimensions)} d, ${valuesTable('grain', grains)} g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days')`;
}

const INSERT = 'INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)';
const UPSERT = 'ON CONFLICT (programme_id, dimension, grain, kind, period, group_key, days) DO UPDATE SET n = n + excluded.n';
const rowOf = (ref: 'NEW' | 'OLD') => `(SELECT ${COLUMNS.map((c) => `${ref}.${c} AS ${c}`).join(', ')})`;

/**
 * The triggers keeping problem_counts, as the last migration that recreated them holds them
 * (scripts/rollup-migration.ts prints it; test/integration/rollup-triggers.test.ts compares).
 */
export function problemRollupTriggers(): Trigger[] {
  const add = (ref: 'NEW' | 'OLD', n: string) => `${INSERT}\n  ${contributions(rowOf(ref), n)}\n  ${UPSERT}`;
  // An enterprise moving to another chain or region takes its problems along, as grouping the problems
  // would (the activity rollups do the same): out of the old groups, into the new ones.
  const moved = Object.keys(OF_ENTERPRISE) as StoredDimension[];
  const columns = Object.values(OF_ENTERPRISE);
  const theirs = '(SELECT * FROM problems WHERE enterprise_id = NEW.id)';
  const before = `(SELECT OLD.id AS id, ${columns.map((c) => `OLD.${c} AS ${c}`).join(', ')})`;
  const changed = columns.map((c) => `${enterpriseKey('OLD', c)} <> ${enterpriseKey('NEW', c)}`).join(' OR ');
  return [
    trigger('problem_counts_insert', 'AFTER INSERT ON problems', [add('NEW', '1')]),
    trigger('problem_counts_update', `AFTER UPDATE OF ${COLUMNS.join(', ')} ON problems`, [add('OLD', '-1'), add('NEW', '1')]),
    trigger('problem_counts_delete', 'AFTER DELETE ON problems', [add('OLD', '-1')]),
    trigger('problem_counts_enterprise_groups', `AFTER UPDATE OF ${columns.join(', ')} ON enterprises WHEN ${changed}`, [
      `${INSERT}\n  ${contributions(theirs, '-1', ['d', 'm'], { enterprises: before, dimensions: moved })}\n  ${UPSERT}`,
      `${INSERT}\n  ${contributions(theirs, '1', ['d', 'm'], { dimensions: moved })}\n  ${UPSERT}`,
    ]),
  ];
}

/**
 * Rebuilds problem_counts from the problems: the day rows, then each month from its days. For every
 * programme at once, or (`one`, with ?1 bound to its id) for one: the admin route rebuilds programme by
 * programme, so no single statement grows with the whole database (100 k problems ≈ 10 s here, and D1
 * stops a statement at 30 s).
 */
export function problemRecomputeStatements(one = false): string[] {
  const source = one ? '(SELECT * FROM problems WHERE programme_id = ?1)' : 'problems';
  const only = one ? 'programme_id = ?1 AND ' : '';
  return [
    `DELETE FROM problem_counts${one ? ' WHERE programme_id = ?1' : ''}`,
    `${INSERT}
SELECT programme_id, dimension, grain, period, group_key, kind, days, sum(n) FROM (${contributions(source, '1', ['d'])})
WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    `${INSERT}
SELECT programme_id, dimension, grain, period, group_key, kind, days, sum(n) FROM (${contributions(source, '1', ['m'])})
WHERE kind = 'days' GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    `${INSERT}
SELECT programme_id, dimension, 'm', substr(period, 1, 7), group_key, kind, days, sum(n) FROM problem_counts
WHERE ${only}grain = 'd' GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  ];
}

/**
 * For the edge days of a period, the median reads the closed problems due then (there are no day rows
 * of 'days'); covering, so those reads never touch the table (≈ 12 → 4.5 ms for a month's problems).
 */
export const DUE_INDEX = `CREATE INDEX problems_programme_due_idx ON problems
  (programme_id, ${dueSql('')}, status, closed_on, raised_on, category, lead_unit_id, enterprise_id)`;
