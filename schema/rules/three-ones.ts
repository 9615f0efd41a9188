// 三个一 (DESIGN §1, §6): each month an officer must, for each paired enterprise, communicate at least
// once, visit on site at least once, and solve at least one problem (or record that the enterprise had
// no request). The one home of the rule: the predicate over a month's counts (the officer home page),
// its SQL twin, what a memo and a problem add to those counts, and which pairings count. The activity
// rollups' triggers, their recompute and the dashboards' read SQL are generated from these pieces
// (worker/stats/activity-*.ts); test/integration/rules.test.ts evaluates the twins side by side.
// Pure and with type imports only: web/, worker/ and Node (the recompute's command line) load it.
import { countsForSql } from './pairing.ts';
import { doneSql } from './problem-status.ts';

export type MonthCounts = {
  /** Memos of any mode this month (every 走访方式 is a contact). */
  contacts: number;
  /** Memos with mode 上门走访. */
  onsite: number;
  /** Problems closed this month with a result (已办结 or 已销号, closedOn in the month; a reopened one no longer
   * counts, nor one confirmed unresolvable: schema/rules/problem-status.ts). */
  solved: number;
  /** Memos recording 企业无诉求. */
  noRequest: number;
};

export type ThreeOnes = { contact: boolean; onsite: boolean; solved: boolean; met: boolean };

export function threeOnes(c: MonthCounts): ThreeOnes {
  const contact = c.contacts > 0;
  const onsite = c.onsite > 0;
  const solved = c.solved > 0 || c.noRequest > 0;
  return { contact, onsite, solved, met: contact && onsite && solved };
}

/** SQL expressions for the four counts of one officer × enterprise × month. */
export type MonthCountsSql = Record<keyof MonthCounts, string>;

/** threeOnes(c).met in SQL, over count expressions (a pair-month's columns, or those minus a change). */
export const threeOnesSql = (c: MonthCountsSql) => `(${c.contacts} > 0 AND ${c.onsite} > 0 AND (${c.solved} > 0 OR ${c.noRequest} > 0))`;

/** The column of activity_pair_months (schema/memo-tables.ts) that keeps each count. */
export const PAIR_MONTH_COLUMNS: MonthCountsSql = { contacts: 'memos', onsite: 'onsite', solved: 'solved', noRequest: 'no_request' };

/** The counts of the activity_pair_months row under `alias`. */
export const pairMonthCounts = (alias: string): MonthCountsSql => ({
  contacts: `${alias}.${PAIR_MONTH_COLUMNS.contacts}`,
  onsite: `${alias}.${PAIR_MONTH_COLUMNS.onsite}`,
  solved: `${alias}.${PAIR_MONTH_COLUMNS.solved}`,
  noRequest: `${alias}.${PAIR_MONTH_COLUMNS.noRequest}`,
});

/** threeOnesSql over the activity_pair_months row under `alias`. */
export const metSql = (alias: string) => threeOnesSql(pairMonthCounts(alias));

/** What one thing written adds to its officer × enterprise × month: the month, the counts, and when. */
export type Contribution = {
  /** The columns of its table the contribution reads, beside programme, officer and enterprise. */
  columns: readonly string[];
  /** Whether the row under `r` adds anything at all. */
  when: ((r: string) => string) | null;
  month: (r: string) => string;
  adds: (r: string) => MonthCountsSql;
};

/** A memo is a contact in the month of its visit; 上门走访 is on site; it may record 企业无诉求. */
export const MEMO: Contribution = {
  columns: ['visit_date', 'mode', 'no_request'],
  when: null,
  month: (r) => `substr(${r}.visit_date, 1, 7)`,
  adds: (r) => ({ contacts: '1', onsite: `(${r}.mode = 'onsite')`, solved: '0', noRequest: `${r}.no_request` }),
};

/** A problem is solved for its officer in the month it was closed, while it stays done (a negative 回访 reopens it). */
export const SOLVED_PROBLEM: Contribution = {
  columns: ['status', 'closed_on'],
  when: (r) => `${doneSql(r)} AND ${r}.closed_on IS NOT NULL`,
  month: (r) => `substr(${r}.closed_on, 1, 7)`,
  adds: () => ({ contacts: '0', onsite: '0', solved: '1', noRequest: '0' }),
};

/** An officer × enterprise × month of a programme, as SQL expressions. */
export type PairMonth = { programme: string; officer: string; enterprise: string; month: string };

/** The pair-month of the activity_pair_months row under `alias`. */
export const pairMonthOf = (alias: string): PairMonth => ({
  programme: `${alias}.programme_id`,
  officer: `${alias}.officer_id`,
  enterprise: `${alias}.enterprise_id`,
  month: `${alias}.month`,
});

/** The columns of `assignments` the pairing rule reads: the triggers on assignments watch these. */
export const PAIRING_COLUMNS = ['programme_id', 'officer_id', 'enterprise_id', 'starts_on', 'ends_on'] as const;

/**
 * Whether the pairing under `a` (an assignments row) makes the pair-month count for 三个一: a pairing of
 * the same programme, officer and enterprise in force on the 15th of the month (pairing.ts, issue 14).
 * The dated ranges of one pair never overlap, so at most one pairing counts for a month (the triggers
 * add one per pairing).
 */
export const pairingCountsSql = (a: string, pm: PairMonth) =>
  `${a}.programme_id = ${pm.programme} AND ${a}.officer_id = ${pm.officer} AND ${a}.enterprise_id = ${pm.enterprise} AND ${countsForSql(a, pm.month)}`;

/** Whether the pair-month is in the pairing list. */
export const pairedSql = (pm: PairMonth) => `EXISTS (SELECT 1 FROM assignments a WHERE ${pairingCountsSql('a', pm)})`;

/** Whether the activity_pair_months row under `alias` meets 三个一: its counts, and its pairing. */
export const pairMonthMetSql = (alias: string) => `${metSql(alias)} AND ${pairedSql(pairMonthOf(alias))}`;
