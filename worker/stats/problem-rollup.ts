// The problem_counts rollup (schema/memo-tables.ts): what each problem adds to the ledger figures of
// DESIGN §6, per dimension × group × day and × month. One SELECT turns a problem row into its
// contributions; the triggers (problemRollupTriggers) add NEW's and subtract OLD's on every insert, update
// and delete, inside the writing statement's transaction, so every write path keeps the rollup exact
// (the memo batch, the transitions, fixtures that insert raw rows). The recompute runs the same
// SELECT over every problem. Node runs this file (scripts/stats-recompute.ts, the bench, scripts/
// rollup-migration.ts): pure imports only, with their '.ts'. When a problem is due and which states
// count as open or closed are the rules of schema/rules/due-date.ts and problem-status.ts.
//
// Dimensions: the whole programme, 问题类别, 主办单位 (lead unit), and the enterprise's chain and
// region — the few groups the overview, the breakdowns and the work report show. Officers (200 groups
// of a few hundred problems each) and the unit and officer pages, narrowed to one unit's or one
// officer's problems, read the problems themselves through their indexes (problems.queries.ts): a
// rollup that fine had as many rows as the ledger (measured: 26 per problem with officer dimensions).
// The histograms (histogramsOf: days to close, and the working days of 交办, 受理 and handling) are kept
// per month only: per day they would be a row per problem. A problem adds about 8 kinds × 5 dimensions ×
// 2 grains rows, so an insert is ≈ 80 upserts; problems are written by people, a few a minute at most.
import { dueSql } from '../../schema/rules/due-date.ts';
import { closedSql, doneSql, openSql, unresolvedSql } from '../../schema/rules/problem-status.ts';
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
  'follow_up_by',
  'supervised_on',
  'dispatch_days',
  'accept_days',
  'handling_days',
] as const;

export const PROBLEM_DIMENSIONS_STORED = ['total', 'category', 'unit', 'chain', 'region'] as const;
export type StoredDimension = (typeof PROBLEM_DIMENSIONS_STORED)[number];

/**
 * The histograms (the row's `days` is the value, `n` how many problems have it), kept per month only and
 * read for their medians: calendar days raised → closed (办结用时), and the working days raised → 交办,
 * 交办 → 受理 and 交办 → 办结 the moves counted (issue 15's supervision figures). Dated by the due date,
 * like every figure about the problems due in a period. Over the problems row under `q`.
 */
export const histogramsOf = (q: string): Record<string, string> => ({
  days: `CAST(round(julianday(${q}.closed_on) - julianday(${q}.raised_on)) AS INTEGER)`,
  dispatchDays: `${q}.dispatch_days`,
  acceptDays: `${q}.accept_days`,
  handlingDays: `${q}.handling_days`,
});
export const HISTOGRAM_KINDS = Object.keys(histogramsOf('q'));

/** Each kind and the date a problem (the row under `q`) counts on under it (NULL: it does not count). */
export function kindsOf(q: string): Record<string, string> {
  const due = dueSql(q);
  const closed = closedSql(q);
  return {
    raised: `${q}.raised_on`,
    closed: `CASE WHEN ${closed} THEN ${q}.closed_on END`,
    due,
    dueClosed: `CASE WHEN ${closed} THEN ${due} END`,
    dueOnTime: `CASE WHEN ${closed} AND ${q}.closed_on <= ${due} THEN ${due} END`,
    dueFollowedUp: `CASE WHEN ${closed} AND ${q}.follow_up IS NOT NULL THEN ${due} END`,
    dueResolved: `CASE WHEN ${doneSql(q)} AND ${q}.follow_up IN ('satisfied', 'basically') THEN ${due} END`,
    // Issue 16: the 回访 the enterprise gave itself (企业确认), and 解决率 counting those only.
    dueConfirmed: `CASE WHEN ${closed} AND ${q}.follow_up IS NOT NULL AND ${q}.follow_up_by = 'enterprise' THEN ${due} END`,
    dueResolvedConfirmed: `CASE WHEN ${doneSql(q)} AND ${q}.follow_up IN ('satisfied', 'basically') AND ${q}.follow_up_by = 'enterprise' THEN ${due} END`,
    unresolved: `CASE WHEN ${unresolvedSql(q)} THEN ${due} END`,
    // Open: overdue once the day after its deadline has begun (worker/problems/overdue.ts).
    openDated: `CASE WHEN ${openSql(q)} THEN ${due} END`,
    // 督办: counted on the day of the last one.
    supervised: `${q}.supervised_on`,
    days: `CASE WHEN ${closed} THEN ${due} END`,
    dispatchDays: `CASE WHEN ${q}.dispatch_days IS NOT NULL THEN ${due} END`,
    acceptDays: `CASE WHEN ${q}.accept_days IS NOT NULL THEN ${due} END`,
    handlingDays: `CASE WHEN ${closed} AND ${q}.handling_days IS NOT NULL THEN ${due} END`,
  };
}
const KINDS = kindsOf('q');
const histogramKindsSql = HISTOGRAM_KINDS.map((k) => `'${k}'`).join(', ');

/**
 * For the rows of problems under `q` crossed with a kind column `kind`: whether the row adds to that
 * histogram, and its value there (the read side's edge days use the very expressions the rollup keeps).
 */
export function histogramCase(q: string, kind: string): { counts: string; value: string } {
  const kinds = kindsOf(q);
  const values = histogramsOf(q);
  return {
    counts: `(${caseOf(
      kind,
      HISTOGRAM_KINDS.map((k) => [k, kinds[k] as string]),
    )}) IS NOT NULL`,
    value: `coalesce(${caseOf(
      kind,
      HISTOGRAM_KINDS.map((k) => [k, values[k] as string]),
    )}, 0)`,
  };
}

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
      ${histogramCase('q', 'k.kind').value} AS days
    FROM ${source} q, ${valuesTable('kind', kinds)} k
  ) p
  LEFT JOIN ${enterprises} e ON e.id = p.enterprise_id,
  ${valuesTable('dimension', dimensions)} d, ${valuesTable('grain', grains)} g
  WHERE p.date IS NOT NULL AND (g.grain = 'm' OR p.kind NOT IN (${histogramKindsSql}))`;
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
 * programme at once, `one` programme (?1 bound to its id), or `one` programme's rows under one dimension
 * and one grain (`part`, ?2 bound to the dimension, ?3 to 'd' or 'm'): the recompute job (recompute-job.ts)
 * rebuilds a programme dimension by dimension, the day rows in one step and the months in the next, so no
 * batch grows with the whole ledger (100 k problems ≈ 10 s here for all five dimensions at once, ≈ 3.5–4.5 s
 * for one with both grains, over 5 s on a busy machine; D1 stops a statement at 30 s). The triggers keep
 * every dimension and grain, so a problem written between two of those steps is counted once; a month step
 * runs after its day step, so it sums day rows already rebuilt. Constant terms on ?3 are tested once, before
 * SQLite reads a row: the statements of the other grain do nothing.
 */
export function problemRecomputeStatements(one = false, part = false): string[] {
  const source = one ? '(SELECT * FROM problems WHERE programme_id = ?1)' : 'problems';
  const only = (one ? 'programme_id = ?1 AND ' : '') + (part ? 'dimension = ?2 AND ' : '');
  const grain = (g: 'd' | 'm') => (part ? `?3 = '${g}' AND ` : '');
  return [
    `DELETE FROM problem_counts WHERE ${only}${part ? 'grain = ?3 AND ' : ''}true`,
    `${INSERT}
SELECT programme_id, dimension, grain, period, group_key, kind, days, sum(n) FROM (${contributions(source, '1', ['d'])})
WHERE ${only}${grain('d')}true GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    `${INSERT}
SELECT programme_id, dimension, grain, period, group_key, kind, days, sum(n) FROM (${contributions(source, '1', ['m'])})
WHERE ${only}${grain('m')}kind IN (${histogramKindsSql}) GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    `${INSERT}
SELECT programme_id, dimension, 'm', substr(period, 1, 7), group_key, kind, days, sum(n) FROM problem_counts
WHERE ${only}${grain('m')}grain = 'd' GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  ];
}

/**
 * For the edge days of a period, the medians read the problems due then (there are no day rows of the
 * histograms); covering, so those reads never touch the table (≈ 12 → 4.5 ms for a month's problems).
 */
export const DUE_INDEX = `CREATE INDEX problems_programme_due_idx ON problems
  (programme_id, ${dueSql('')}, status, closed_on, raised_on, category, lead_unit_id, enterprise_id, dispatch_days, accept_days,
  handling_days)`;
