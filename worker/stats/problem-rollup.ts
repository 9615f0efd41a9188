// The problem_counts rollup (schema/memo-tables.ts): what each problem adds to the ledger figures of
// DESIGN §6, per dimension × group × day and × month. One SELECT turns a problem row into its
// contributions; the triggers of migration 0005 add NEW's and subtract OLD's on every insert, update
// and delete, inside the writing statement's transaction, so every write path keeps the rollup exact
// (the memo batch, the transitions, fixtures that insert raw rows). The recompute runs the same
// SELECT over every problem. Only type imports: Node runs this file (recompute-print.ts, the bench).
//
// Dimensions: the whole programme, 问题类别, 主办单位 (lead unit), and the enterprise's chain and
// region — the few groups the overview, the breakdowns and the work report show. Officers (200 groups
// of a few hundred problems each) and the unit and officer pages, narrowed to one unit's or one
// officer's problems, read the problems themselves through their indexes (problems.queries.ts): a
// rollup that fine had as many rows as the ledger (measured: 26 per problem with officer dimensions).
// The median's histogram ('days') is kept per month only: per day it would be a row per problem. A
// problem adds about 5 kinds × 5 dimensions × 2 grains rows, so an insert is ≈ 50 upserts; problems are
// written by people, a few a minute at most.

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

const DUE = 'coalesce(q.extended_deadline, q.deadline, q.raised_on)';
const CLOSED = "q.status = 'closed'";

/** Each kind and the date a problem counts on under it (NULL: it does not count). */
const KINDS: Record<string, string> = {
  raised: 'q.raised_on',
  closed: `CASE WHEN ${CLOSED} THEN q.closed_on END`,
  due: DUE,
  dueClosed: `CASE WHEN ${CLOSED} THEN ${DUE} END`,
  dueOnTime: `CASE WHEN ${CLOSED} AND q.closed_on <= ${DUE} THEN ${DUE} END`,
  dueFollowedUp: `CASE WHEN ${CLOSED} AND q.follow_up IS NOT NULL THEN ${DUE} END`,
  dueResolved: `CASE WHEN ${CLOSED} AND q.follow_up IN ('satisfied', 'basically') THEN ${DUE} END`,
  unresolvable: `CASE WHEN q.status = 'unresolvable' THEN ${DUE} END`,
  // Open with a deadline: overdue once the day after it has begun (worker/problems/overdue.ts).
  openDated: `CASE WHEN q.status IN ('pending', 'in_progress') AND coalesce(q.extended_deadline, q.deadline) IS NOT NULL THEN ${DUE} END`,
  days: `CASE WHEN ${CLOSED} THEN ${DUE} END`,
};

const KEYS: Record<StoredDimension, string> = {
  total: "''",
  category: 'p.category',
  unit: "coalesce(p.lead_unit_id, '')",
  chain: "coalesce(e.chain_id, '')",
  region: "coalesce(e.region, '')",
};

// A multi-row VALUES, not UNION ALL: D1 allows at most 5 terms in a compound SELECT.
const constants = (name: string, values: readonly string[]) =>
  `(SELECT column1 AS ${name} FROM (VALUES ${values.map((v) => `('${v}')`).join(', ')}))`;

/**
 * The contributions of the rows of `source` (a table, or a one-row subquery of NEW or OLD in a
 * trigger), each worth `n`. No WITH clause: SQLite refuses common table expressions inside triggers.
 */
function contributions(source: string, n: string, grains = ['d', 'm']): string {
  const kinds = Object.keys(KINDS);
  return `SELECT p.programme_id, d.dimension, g.grain, CASE g.grain WHEN 'm' THEN substr(p.date, 1, 7) ELSE p.date END AS period,
    CASE d.dimension ${PROBLEM_DIMENSIONS_STORED.map((dim) => `WHEN '${dim}' THEN ${KEYS[dim]}`).join(' ')} END AS group_key,
    p.kind, p.days, ${n} AS n
  FROM (
    SELECT ${COLUMNS.map((c) => `q.${c}`).join(', ')}, k.kind,
      CASE k.kind ${kinds.map((kind) => `WHEN '${kind}' THEN ${KINDS[kind]}`).join(' ')} END AS date,
      CASE WHEN k.kind = 'days' THEN CAST(round(julianday(q.closed_on) - julianday(q.raised_on)) AS INTEGER) ELSE 0 END AS days
    FROM ${source} q, ${constants('kind', kinds)} k
  ) p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id,
  ${constants('dimension', PROBLEM_DIMENSIONS_STORED)} d, ${constants('grain', grains)} g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind <> 'days')`;
}

const INSERT = 'INSERT INTO problem_counts (programme_id, dimension, grain, period, group_key, kind, days, n)';
const UPSERT = 'ON CONFLICT (programme_id, dimension, grain, kind, period, group_key, days) DO UPDATE SET n = n + excluded.n';
const rowOf = (ref: 'NEW' | 'OLD') => `(SELECT ${COLUMNS.map((c) => `${ref}.${c} AS ${c}`).join(', ')})`;

/** The triggers' SQL, as migration 0005 holds it (test/integration/problem-rollup.test.ts compares). */
export function problemRollupTriggers(): string[] {
  const add = (ref: 'NEW' | 'OLD', n: string) => `${INSERT}\n  ${contributions(rowOf(ref), n)}\n  ${UPSERT};`;
  const watched = COLUMNS.join(', ');
  return [
    `CREATE TRIGGER problem_counts_insert AFTER INSERT ON problems BEGIN\n  ${add('NEW', '1')}\nEND`,
    `CREATE TRIGGER problem_counts_update AFTER UPDATE OF ${watched} ON problems BEGIN\n  ${add('OLD', '-1')}\n  ${add('NEW', '1')}\nEND`,
    `CREATE TRIGGER problem_counts_delete AFTER DELETE ON problems BEGIN\n  ${add('OLD', '-1')}\nEND`,
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
  (programme_id, coalesce(extended_deadline, deadline, raised_on), status, closed_on, raised_on, category, lead_unit_id, enterprise_id)`;
