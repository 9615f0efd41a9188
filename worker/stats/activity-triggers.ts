// The triggers keeping the coverage and 三个一 rollups (activity-definition.ts) exact in the same
// transaction as every write to memos, problems, assignments, an officer's unit or an enterprise's
// chain and region (those two: activity-group-triggers.ts), generated from the definition the recompute
// (activity-rollup.ts) is generated from. scripts/rollup-migration.ts prints them as a migration; test/integration/rollup-triggers.test.ts
// checks the migrated database holds exactly these, rollup-property.test.ts that they equal the recompute.
//
// A write adds to its pair-month, to that month's counters in each of the pair's groups (三个一 where
// the pair-month's met flips), and to activity_reach when the pair-month gains its first memo or loses
// its last. An update is the old row taken out and the new one put in (two triggers, in either order:
// each leaves the rollups exact for the rows as they stand).
import {
  type MonthCountsSql,
  metSql,
  PAIRING_COLUMNS,
  type PairMonth,
  pairedSql,
  pairingCountsSql,
  pairMonthCounts,
  pairMonthOf,
  threeOnesSql,
} from '../../schema/rules/three-ones.ts';
import {
  COUNT_KEYS,
  COUNTS,
  dimensionTable,
  groupKeyOf,
  PAIR_COLUMNS,
  PAIR_MONTHS,
  type Pair,
  pairOf,
  REACH,
  SOURCES,
  type Source,
} from './activity-definition.ts';
import { groupMoveTriggers } from './activity-group-triggers.ts';
import { addOnConflict, insertInto, type RollupTable, type Trigger, trigger } from './rollup-sql.ts';

type Row = 'NEW' | 'OLD';

const negated = (e: string) => (e === '0' ? '0' : /^\d+$/.test(e) ? `-${e}` : `-(${e})`);
const minus = (a: string, b: string) => (b === '0' ? a : `${a} - (${b})`);
const mapCounts = (c: MonthCountsSql, f: (e: string) => string): MonthCountsSql => ({
  contacts: f(c.contacts),
  onsite: f(c.onsite),
  solved: f(c.solved),
  noRequest: f(c.noRequest),
});

/** The pair-month's row as it stands (zeros when there is none) as the one-row table `n`. */
const standing = (pm: PairMonth) => `(SELECT ${PAIR_MONTHS.counts.map((c) => `coalesce(r.${c}, 0) AS ${c}`).join(', ')}
        FROM (SELECT 1) LEFT JOIN activity_pair_months r ON r.programme_id = ${pm.programme} AND r.officer_id = ${pm.officer}
          AND r.enterprise_id = ${pm.enterprise} AND r.month = ${pm.month}) n`;

/** The statements adding (1) or taking out (-1) what the row `r` of a source adds. */
function addRow(source: Source, r: Row, sign: 1 | -1): string[] {
  const { adds, month } = source.adds;
  const pm: PairMonth = { programme: `${r}.programme_id`, officer: `${r}.officer_id`, enterprise: `${r}.enterprise_id`, month: month(r) };
  const add = sign === 1 ? adds(r) : mapCounts(adds(r), negated);
  const pair = pairOf(r);
  const after = pairMonthCounts('n');
  const before: MonthCountsSql = { contacts: '', onsite: '', solved: '', noRequest: '' };
  for (const k of COUNT_KEYS) before[k] = minus(after[k], add[k]);
  // No counters row of zeros: a write that moves neither contacts nor onsite adds only a flip of met.
  const moved = [add.contacts, add.onsite].filter((e) => e !== '0');
  const writes = moved.some((e) => /^-?\d+$/.test(e)) ? 'true' : ['f.met <> 0', ...moved.map((e) => `${e} <> 0`)].join(' OR ');
  const statements = [
    `${insertInto(PAIR_MONTHS)}
  VALUES (${pm.programme}, ${pm.officer}, ${pm.enterprise}, ${pm.month}, ${COUNT_KEYS.map((k) => add[k]).join(', ')})
  ${addOnConflict(PAIR_MONTHS)}`,
    `${insertInto(COUNTS)}
  SELECT ${pm.programme}, d.dimension, ${pm.month}, ${groupKeyOf('d.dimension', pair)}, ${add.contacts}, ${add.onsite}, f.met
  FROM (SELECT (${threeOnesSql(after)} - ${threeOnesSql(before)}) * ${pairedSql(pm)} AS met
      FROM ${standing(pm)}) f,
    ${dimensionTable()} d
  WHERE ${writes}
  ${addOnConflict(COUNTS)}`,
  ];
  if (add.contacts === '0') return statements; // activity_reach counts months with a memo
  // The pair-month gained its first memo (flip 1) or lost its last (-1). In each group where no other
  // officer's memo already put the enterprise in that month, the month enters (or leaves) the
  // enterprise's months between prev and next: (month, prev) and (next, month) replace (next, prev).
  const there: Pair = { officer: 'x.officer_id', user: pairOf('x').user, enterprise: pair.enterprise };
  const same = `${groupKeyOf('d.dimension', there)} = ${groupKeyOf('d.dimension', pair)}`;
  statements.push(`${insertInto(REACH)}
  SELECT ${pm.programme}, s.dimension, CASE k.pick WHEN 'p' THEN ${pm.month} ELSE s.next END, s.group_key,
    CASE k.pick WHEN 'm' THEN ${pm.month} ELSE s.prev END, k.s * f.flip
  FROM (SELECT (n.memos > 0) - (${minus('n.memos', add.contacts)} > 0) AS flip FROM ${standing(pm)}) f,
    (SELECT d.dimension, ${groupKeyOf('d.dimension', pair)} AS group_key,
        max(x.month = ${pm.month} AND x.officer_id <> ${pm.officer} AND ${same}) AS present,
        coalesce(max(CASE WHEN x.month < ${pm.month} AND ${same} THEN x.month END), '') AS prev,
        min(CASE WHEN x.month > ${pm.month} AND ${same} THEN x.month END) AS next
      FROM ${dimensionTable()} d LEFT JOIN (SELECT month, officer_id FROM activity_pair_months
        WHERE programme_id = ${pm.programme} AND enterprise_id = ${pm.enterprise} AND memos > 0) x ON true
      GROUP BY d.dimension) s,
    (SELECT 'p' AS pick, 1 AS s UNION ALL SELECT 'n', -1 UNION ALL SELECT 'm', 1) k
  WHERE f.flip <> 0 AND NOT coalesce(s.present, 0) AND (k.pick = 'p' OR s.next IS NOT NULL)
  ${addOnConflict(REACH)}`);
  return statements;
}

const all = (conditions: (string | null | undefined)[]) =>
  conditions
    .filter((c) => c)
    .map((c) => `(${c})`)
    .join(' AND ') || 'true';
const when = (condition: string | null | undefined) => (condition ? ` WHEN ${condition}` : '');

/** Insert, update (old row out, new row in) and delete triggers of a source. */
function sourceTriggers(source: Source): Trigger[] {
  const { table, name, adds } = source;
  const counted = (r: Row) => adds.when?.(r);
  const of = (r: Row) => [...PAIR_COLUMNS.map((c) => `${r}.${c}`), adds.month(r), ...COUNT_KEYS.map((k) => adds.adds(r)[k])];
  const [olds, news] = [of('OLD'), of('NEW')];
  const same = all(olds.map((o, i) => (o === news[i] ? null : `${o} IS ${news[i]}`)));
  const update = `AFTER UPDATE OF ${[...PAIR_COLUMNS, ...adds.columns].join(', ')} ON ${table}`;
  return [
    trigger(`activity_${name}_insert`, `AFTER INSERT ON ${table}${when(counted('NEW'))}`, addRow(source, 'NEW', 1)),
    trigger(
      `activity_${name}_update_old`,
      `${update} WHEN ${all([counted('OLD'), `NOT (${all([counted('NEW'), same])})`])}`,
      addRow(source, 'OLD', -1),
    ),
    trigger(
      `activity_${name}_update_new`,
      `${update} WHEN ${all([counted('NEW'), `NOT (${all([counted('OLD'), same])})`])}`,
      addRow(source, 'NEW', 1),
    ),
    trigger(`activity_${name}_delete`, `AFTER DELETE ON ${table}${when(counted('OLD'))}`, addRow(source, 'OLD', -1)),
  ];
}

/** 三个一 counts only pairs in the pairing list: a pairing coming or going moves its met pair-months. */
const pairingMet = (a: Row, sign: 1 | -1) => `${insertInto(COUNTS)}
  SELECT r.programme_id, d.dimension, r.month, ${groupKeyOf('d.dimension', pairOf(a))}, 0, 0, ${sign}
  FROM activity_pair_months r, ${dimensionTable()} d
  WHERE ${pairingCountsSql(a, pairMonthOf('r'))} AND ${metSql('r')}
  ${addOnConflict(COUNTS)}`;

function pairingTriggers(): Trigger[] {
  const changed = PAIRING_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  return [
    trigger('activity_assignment_insert', 'AFTER INSERT ON assignments', [pairingMet('NEW', 1)]),
    trigger('activity_assignment_update', `AFTER UPDATE OF ${PAIRING_COLUMNS.join(', ')} ON assignments WHEN ${changed}`, [
      pairingMet('OLD', -1),
      pairingMet('NEW', 1),
    ]),
    trigger('activity_assignment_delete', 'AFTER DELETE ON assignments', [pairingMet('OLD', -1)]),
  ];
}

/** No row of zeros is kept, as a rebuild from the raw rows would not make one. */
const zeroTrigger = (t: RollupTable) =>
  trigger(`${t.name}_zero`, `AFTER UPDATE ON ${t.name} WHEN ${t.counts.map((c) => `NEW.${c} = 0`).join(' AND ')}`, [
    `DELETE FROM ${t.name} WHERE ${t.keys.map((k) => `${k} = NEW.${k}`).join(' AND ')}`,
  ]);

export function activityRollupTriggers(): Trigger[] {
  return [
    ...SOURCES.flatMap(sourceTriggers),
    ...pairingTriggers(),
    ...groupMoveTriggers(),
    ...[PAIR_MONTHS, COUNTS, REACH].map(zeroTrigger),
  ];
}

/** Triggers earlier migrations created that the definition no longer makes (dropped by the next migration). */
export const RETIRED_ACTIVITY_TRIGGERS = ['activity_memo_update', 'activity_problem_unsolve', 'activity_problem_solve'];
