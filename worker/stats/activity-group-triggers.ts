// The triggers that move the coverage and 三个一 rollups (activity-definition.ts) when a group changes
// under them: an officer moving to another unit, an enterprise to another chain or region. Generated
// from the dimensions, like the triggers on the writes themselves (activity-triggers.ts).
import { pairMonthMetSql } from '../../schema/rules/three-ones.ts';
import {
  COUNTS,
  DIMENSIONS,
  type Dimension,
  dimensionTable,
  groupKey,
  groupKeyOf,
  monthsWithPrev,
  type Pair,
  REACH,
} from './activity-definition.ts';
import { addOnConflict, insertInto, type Trigger, trigger } from './rollup-sql.ts';

const unused = () => 'NULL';
/** Programmes by their ids first: the rollups' keys start with the programme, so this seeks. */
const EVERY_PROGRAMME = 'programme_id IN (SELECT id FROM programmes)';

/**
 * An officer moving to another group of a user-row dimension (another unit) takes their counts along (a
 * unit's are the sum of its officers'); the enterprises of both groups are counted again from their pair-months.
 */
function userTriggers(): Trigger[] {
  const officer = DIMENSIONS.find((d) => d.by === 'officer');
  const moving = DIMENSIONS.filter((d): d is Dimension & { by: 'user' } => d.by === 'user');
  if (!officer || !moving.length) return [];
  const user = (r: string): Pair => ({ officer: `${r}.id`, user: (c) => `${r}.${c}`, enterprise: unused });
  const body = moving.flatMap((d) => {
    const [from, to] = [groupKey(d, user('OLD')), groupKey(d, user('NEW'))];
    const key = groupKey(d, user('u'));
    return [
      `${insertInto(COUNTS)}
  SELECT c.programme_id, '${d.name}', c.month, m.group_key, m.sign * c.contacts, m.sign * c.onsite, m.sign * c.met
  FROM (SELECT programme_id, month, contacts, onsite, met FROM activity_counts
      WHERE ${EVERY_PROGRAMME} AND dimension = '${officer.name}' AND group_key = ${groupKey(officer, user('NEW'))}) c,
    (SELECT ${from} AS group_key, -1 AS sign UNION ALL SELECT ${to}, 1) m
  WHERE ${from} <> ${to}
  ${addOnConflict(COUNTS)}`,
      `DELETE FROM activity_reach WHERE ${EVERY_PROGRAMME} AND dimension = '${d.name}' AND group_key IN (${from}, ${to})`,
      `${insertInto(REACH)}
  SELECT programme_id, '${d.name}', month, group_key, prev, count(*)
  FROM (${monthsWithPrev(`(SELECT x.programme_id, ${key} AS group_key, x.enterprise_id, x.month
      FROM users u JOIN activity_pair_months x ON x.${EVERY_PROGRAMME} AND x.officer_id = u.id
      WHERE ${key} IN (${from}, ${to}) AND x.memos > 0)`)})
  GROUP BY programme_id, group_key, month, prev`,
    ];
  });
  const columns = moving.map((d) => d.column).join(', ');
  const changed = moving.map((d) => `${groupKey(d, user('OLD'))} <> ${groupKey(d, user('NEW'))}`).join(' OR ');
  return [trigger(`activity_user_${moving.map((d) => d.name).join('_')}`, `AFTER UPDATE OF ${columns} ON users WHEN ${changed}`, body)];
}

/** An enterprise moving to another chain or region takes its counts and its months along. */
function enterpriseTriggers(): Trigger[] {
  const moving = DIMENSIONS.filter((d): d is Dimension & { by: 'enterprise' } => d.by === 'enterprise');
  if (!moving.length) return [];
  const row = (r: 'NEW' | 'OLD'): Pair => ({ officer: unused(), user: unused, enterprise: (c) => `${r}.${c}` });
  const changed = (d: Dimension) => `${groupKey(d, row('OLD'))} <> ${groupKey(d, row('NEW'))}`;
  const moves = `(SELECT d.dimension, s.sign, CASE s.sign WHEN -1 THEN ${groupKeyOf('d.dimension', row('OLD'), moving)}
        ELSE ${groupKeyOf('d.dimension', row('NEW'), moving)} END AS group_key
      FROM ${dimensionTable(moving)} d, (SELECT column1 AS sign FROM (VALUES (-1), (1))) s
      WHERE ${groupKeyOf('d.dimension', row('OLD'), moving)} <> ${groupKeyOf('d.dimension', row('NEW'), moving)})`;
  return [
    trigger(
      'activity_enterprise_groups',
      `AFTER UPDATE OF ${moving.map((d) => d.column).join(', ')} ON enterprises WHEN ${moving.map(changed).join(' OR ')}`,
      [
        `${insertInto(COUNTS)}
  SELECT c.programme_id, k.dimension, c.month, k.group_key, k.sign * c.contacts, k.sign * c.onsite, k.sign * c.met
  FROM (SELECT x.programme_id, x.month, sum(x.memos) AS contacts, sum(x.onsite) AS onsite, sum(${pairMonthMetSql('x')}) AS met
      FROM activity_pair_months x WHERE x.${EVERY_PROGRAMME} AND x.enterprise_id = NEW.id
      GROUP BY x.programme_id, x.month) c,
    ${moves} k
  WHERE c.contacts <> 0 OR c.met <> 0
  ${addOnConflict(COUNTS)}`,
        `${insertInto(REACH)}
  SELECT v.programme_id, k.dimension, v.month, k.group_key, v.prev, k.sign
  FROM (${monthsWithPrev(`(SELECT programme_id, '' AS group_key, enterprise_id, month FROM activity_pair_months
      WHERE ${EVERY_PROGRAMME} AND enterprise_id = NEW.id AND memos > 0)`)}) v,
    ${moves} k
  WHERE true
  ${addOnConflict(REACH)}`,
      ],
    ),
  ];
}

export const groupMoveTriggers = (): Trigger[] => [...userTriggers(), ...enterpriseTriggers()];
