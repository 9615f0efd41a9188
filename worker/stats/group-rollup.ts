// The group_counts rollup (schema/survey-tables.ts): each response's likert answers counted under every
// group the response belongs to — the unit of the enterprise's lead officer, each officer paired with the
// enterprise in the round's programme, the enterprise's chain and its region, and the month the answer
// was given — so satisfaction by unit, officer, chain, region and month reads a few rows per group
// (worker/stats/survey.queries.ts) instead of grouping a million answers. One INSERT … SELECT in the
// submission batch keeps it current; the same shape, over every response, rebuilds it (recompute.ts);
// triggers move a response's counts when its groups change under it (a pairing made, ended, restarted or
// given the lead; an officer moving to another unit; an enterprise to another chain or region), so the
// rollup always equals the rebuild. Node runs recompute.ts: imports with '.ts'.
//
// A pairing counts for an answer when it is in force on the 15th of the month the answer was given
// (schema/rules/pairing.ts, issue 14): a pairing made or ended today never moves an answer of a month
// whose 15th has passed, and one started in the past (a correction) takes its months' answers along.
// An answer with no lead officer in force counts under the unit '' (未指定单位), so the units add up to
// the whole round and no unit can be worked out as the total minus the others.
//
// Only likert answers, 1–5 or 'na' (不了解), by their values (schema/rules/counted-options.ts says why
// by value and not by type); the readers ask for the likert items' keys. The same in every statement.
import { chinaMonthSql } from '../../schema/rules/china-time.ts';
import { LIKERT_ANSWER_SQL as LIKERT } from '../../schema/rules/counted-options.ts';
import { countsForSql } from '../../schema/rules/pairing.ts';
import { type Trigger, trigger } from './rollup-sql.ts';

const OPTION = 'coalesce(text_value, CAST(CAST(num_value AS INTEGER) AS TEXT))';
const UPSERT = 'ON CONFLICT (campaign_id, dimension, group_key, question_key, option) DO UPDATE SET count = count + excluded.count';
const INSERT = 'INSERT INTO group_counts (campaign_id, dimension, group_key, question_key, option, count)';
const MONTH = chinaMonthSql('r.submitted_at');

/** The unit of the lead officer in force for the response `x` (pid, eid, month), '' for none. */
const leadUnit = (x: string) => `coalesce((SELECT o.unit_id FROM assignments s JOIN users o ON o.id = s.officer_id
      WHERE s.programme_id = ${x}.pid AND s.enterprise_id = ${x}.eid AND s.is_lead = 1 AND ${countsForSql('s', `${x}.month`)} LIMIT 1), '')`;

/** The groups of each response of `x` (rid, pid, eid, month), per dimension, as (dimension, group_key, rid). */
const GROUP_TERMS = {
  unit: `SELECT 'unit' AS dimension, ${leadUnit('x')} AS group_key, x.rid FROM x`,
  officer: `SELECT 'officer' AS dimension, s.officer_id AS group_key, x.rid FROM x
    JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid AND ${countsForSql('s', 'x.month')}`,
  place: `SELECT d.column1 AS dimension, CASE d.column1 WHEN 'chain' THEN coalesce(e.chain_id, '') ELSE e.region END AS group_key, x.rid
    FROM x JOIN enterprises e ON e.id = x.eid, (VALUES ('chain'), ('region')) d`,
  month: `SELECT 'month' AS dimension, x.month AS group_key, x.rid FROM x`,
};
export type GroupTerm = keyof typeof GROUP_TERMS;
const ALL_TERMS = Object.keys(GROUP_TERMS) as GroupTerm[];
/** Every group of each response: four terms (D1 allows five). */
const groupsOf = (terms: readonly GroupTerm[] = ALL_TERMS) => terms.map((t) => GROUP_TERMS[t]).join('\n  UNION ALL ');
const GROUPS = groupsOf();

/** The responses with their invitation and round, from the responses first (a round's, or one response). */
export const RESPONSES_FROM = 'FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN campaigns c ON c.id = r.campaign_id';
/**
 * The same rows from the invitations first (CROSS JOIN keeps SQLite to that order), for a few enterprises'
 * responses: from the responses first SQLite reads every response of the rounds (at a million answers,
 * 1.6 s against 0.4 s for a chain of 881 enterprises of 5,000; node:sqlite, bench data set).
 */
export const INVITED_RESPONSES_FROM =
  'FROM invitations i CROSS JOIN responses r ON r.invitation_id = i.id JOIN campaigns c ON c.id = r.campaign_id';

const RESPONSE_KEYS = `r.id AS rid, r.campaign_id AS cid, i.enterprise_id AS eid, c.programme_id AS pid, ${MONTH} AS month`;
/** The responses' keys the groups are taken from, as `x` (rid, cid, eid, pid, month); the caller adds its WHERE. */
export const RESPONSE_KEYS_SQL = `SELECT ${RESPONSE_KEYS}
  ${RESPONSES_FROM}`;
/** The same keys of a few enterprises' responses (INVITED_RESPONSES_FROM). */
export const INVITED_RESPONSE_KEYS_SQL = `SELECT ${RESPONSE_KEYS}
  ${INVITED_RESPONSES_FROM}`;

/**
 * For the submission batch, after the response and its answers and before the invitation is marked
 * answered: ?1 response id (nothing is written when the batch stored no response, or on a retry of a
 * batch that had committed).
 */
export const GROUP_ROLLUP_SQL = `WITH x AS (
  ${RESPONSE_KEYS_SQL}
  WHERE r.id = ?1 AND i.submitted_at IS NULL
), g AS (${GROUPS}
), a AS (
  SELECT question_key, ${OPTION} AS option, count(*) AS n FROM answers WHERE response_id = ?1 AND ${LIKERT} GROUP BY 1, 2
  UNION ALL SELECT '', '', 1
)
${INSERT}
SELECT x.cid, g.dimension, g.group_key, a.question_key, a.option, a.n FROM x, g, a WHERE true
${UPSERT}`;

/**
 * ?1 round id: how many of the round's responses each officer's group shares with each unit's (the unit
 * of the lead officer in force, '' for none), by the same rule as the groups themselves. The officer
 * snapshot (officer-snapshot.ts) withholds an officer's figures when they hold answers of a unit whose own
 * figures are suppressed.
 */
export const OFFICER_UNITS_SQL = `WITH x AS (
  ${RESPONSE_KEYS_SQL}
  WHERE r.campaign_id = ?1
)
SELECT s.officer_id AS officer, ${leadUnit('x')} AS unit, count(*) AS n
FROM x JOIN assignments s ON s.programme_id = x.pid AND s.enterprise_id = x.eid AND ${countsForSql('s', 'x.month')}
GROUP BY 1, 2`;

/**
 * After `WITH x AS (RESPONSE_KEYS_SQL …)`: group_counts' rows (campaign_id, dimension, group_key,
 * question_key, option, count) as the rebuild makes them for the responses of `x`; `answers` narrows the
 * answers read ("… AND "). The answers are counted per response and option first, then spread over the
 * response's groups (`terms`: only those dimensions' groups). The rebuild inserts these; a leader's chain or
 * region reads them (survey.queries.ts), as the rollup keeps one dimension at a time and a chain's units or
 * months are two.
 */
export const groupRowsSql = (answers: string, terms?: readonly GroupTerm[]) => `, g AS (${groupsOf(terms)}
), a AS (
  SELECT response_id AS rid, question_key, ${OPTION} AS option, count(*) AS n FROM answers
  WHERE ${answers}${LIKERT} GROUP BY 1, 2, 3
  UNION ALL SELECT rid, '', '', 1 FROM x
)
SELECT x.cid AS campaign_id, g.dimension, g.group_key, a.question_key, a.option, sum(a.n) AS count
FROM a JOIN x ON x.rid = a.rid JOIN g ON g.rid = a.rid
GROUP BY 1, 2, 3, 4, 5`;

/** Rebuilds group_counts for every round or (with ?1 bound) for one, from the stored responses and answers. */
export function groupRecomputeStatements(one: boolean): string[] {
  const only = (col: string) => (one ? `WHERE ${col} = ?1` : '');
  return [
    `DELETE FROM group_counts ${only('campaign_id')}`,
    `${INSERT}
WITH x AS (${RESPONSE_KEYS_SQL} ${only('r.campaign_id')})${groupRowsSql(one ? 'campaign_id = ?1 AND ' : '')}`,
  ];
}

/**
 * The counts of the responses `where` picks (over responses r, invitations i, campaigns c), per round,
 * question and option, with each round's responses under ('', ''): a table (cid, question_key, option, n).
 * Subqueries, not a WITH: SQLite allows no common table expression inside a trigger.
 */
const countsOf = (where: string) => `(SELECT r.campaign_id AS cid, w.question_key, ${OPTION} AS option, count(*) AS n
      FROM invitations i JOIN responses r ON r.invitation_id = i.id JOIN campaigns c ON c.id = r.campaign_id
        JOIN answers w ON w.response_id = r.id
      WHERE ${where} AND ${LIKERT}
      GROUP BY 1, 2, 3
      UNION ALL SELECT r.campaign_id, '', '', count(*)
      FROM invitations i JOIN responses r ON r.invitation_id = i.id JOIN campaigns c ON c.id = r.campaign_id
      WHERE ${where}
      GROUP BY 1)`;

/** Adds (sign 1) or takes out (-1) the counts of `where` under each (dimension, group_key, sign) of `moves`. */
const move = (where: string, moves: string, when = 'true') => `${INSERT}
  SELECT a.cid, m.dimension, m.group_key, a.question_key, a.option, m.sign * a.n
  FROM ${countsOf(where)} a, ${moves} m
  WHERE ${when}
  ${UPSERT}`;

/** One (dimension, group_key, sign) row, or two, as the table `m`. */
const moves = (...rows: [string, string, string][]) =>
  `(${rows.map(([d, k, s], i) => (i ? `SELECT ${d}, ${k}, ${s}` : `SELECT ${d} AS dimension, ${k} AS group_key, ${s} AS sign`)).join(' UNION ALL ')})`;

/** The responses a pairing `p` counts for: its enterprise's, in its programme, in the months it counts for. */
const pairedResponses = (p: string) =>
  `i.enterprise_id = ${p}.enterprise_id AND c.programme_id = ${p}.programme_id AND ${countsForSql(p, MONTH)}`;

/**
 * A pairing coming (sign 1) or going (-1): its officer gains or loses its responses; a lead pairing also
 * moves them from 未指定单位 ('') to its officer's unit (one lead is in force at a time, so before it
 * came they had none).
 */
const pairingMoves = (p: 'NEW' | 'OLD', sign: 1 | -1) => [
  move(pairedResponses(p), moves([`'officer'`, `${p}.officer_id`, String(sign)])),
  move(
    pairedResponses(p),
    moves(
      [`'unit'`, `coalesce((SELECT unit_id FROM users WHERE id = ${p}.officer_id), '')`, String(sign)],
      [`'unit'`, `''`, String(-sign)],
    ),
    `${p}.is_lead = 1`,
  ),
];

const PAIRING_COLUMNS = ['programme_id', 'officer_id', 'enterprise_id', 'starts_on', 'ends_on', 'is_lead'];

/** The triggers that keep group_counts equal to the rebuild when a response's groups change. */
export function groupRollupTriggers(): Trigger[] {
  const changed = PAIRING_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  const led = (officer: string) => `EXISTS (SELECT 1 FROM assignments s WHERE s.officer_id = ${officer} AND s.is_lead = 1
        AND s.programme_id = c.programme_id AND s.enterprise_id = i.enterprise_id AND ${countsForSql('s', MONTH)})`;
  return [
    trigger('group_assignment_insert', 'AFTER INSERT ON assignments', pairingMoves('NEW', 1)),
    trigger('group_assignment_update', `AFTER UPDATE OF ${PAIRING_COLUMNS.join(', ')} ON assignments WHEN ${changed}`, [
      ...pairingMoves('OLD', -1),
      ...pairingMoves('NEW', 1),
    ]),
    trigger('group_assignment_delete', 'AFTER DELETE ON assignments', pairingMoves('OLD', -1)),
    // An officer moving to another unit takes the answers of the enterprises they led then along.
    trigger('group_user_unit', 'AFTER UPDATE OF unit_id ON users WHEN OLD.unit_id IS NOT NEW.unit_id', [
      move(led('NEW.id'), moves([`'unit'`, `coalesce(OLD.unit_id, '')`, '-1'], [`'unit'`, `coalesce(NEW.unit_id, '')`, '1'])),
    ]),
    // An enterprise moving to another chain or region takes its answers along.
    trigger(
      'group_enterprise_groups',
      'AFTER UPDATE OF chain_id, region ON enterprises WHEN OLD.chain_id IS NOT NEW.chain_id OR OLD.region IS NOT NEW.region',
      [
        move(
          'i.enterprise_id = NEW.id',
          moves([`'chain'`, `coalesce(OLD.chain_id, '')`, '-1'], [`'chain'`, `coalesce(NEW.chain_id, '')`, '1']),
          'OLD.chain_id IS NOT NEW.chain_id',
        ),
        move(
          'i.enterprise_id = NEW.id',
          moves([`'region'`, 'OLD.region', '-1'], [`'region'`, 'NEW.region', '1']),
          'OLD.region IS NOT NEW.region',
        ),
      ],
    ),
    // No row of zeros is kept, as the rebuild would not make one.
    trigger('group_counts_zero', 'AFTER UPDATE ON group_counts WHEN NEW.count = 0', [
      'DELETE FROM group_counts WHERE campaign_id = NEW.campaign_id AND dimension = NEW.dimension AND group_key = NEW.group_key AND question_key = NEW.question_key AND option = NEW.option',
    ]),
  ];
}
