// When a problem is due (DESIGN §6: 办结率 = 已办结 / problems due in the period; 按期办结率; overdue): the
// deadline in force — the last approved 延期, else the 办结时限. Every problem has a 办结时限 (issue 14,
// "no silent due date"; issue 15): while it waits in 待交办 a provisional one — the raised day plus its
// category's working days from the programme's table, else the programme's default in calendar days —
// and at 交办 the one the admin sets, whose default is counted the same way from the dispatch day. The
// TypeScript rule (pages, the state machine, the memo write) and its SQL twin (the ledger figures, the
// problem_counts triggers, the ledger export, the due-date index) are both here;
// test/integration/rules.test.ts holds them to each other. Pure.
import { addDays } from './china-time.ts';
import { isOpen, type ProblemStatus } from './problem-status.ts';
import { addWorkingDays, type Calendar, workingDaysBefore } from './working-days.ts';

export type Dated = { deadline: string; extendedDeadline: string | null };

/** The programme default (issue 14): 30 calendar days, editable per programme. */
export const PROGRAMME_DEFAULT_DAYS = 30;

/** The deadline in force (办结时限 after approved 延期). */
export const deadlineInForce = (p: Dated): string => p.extendedDeadline ?? p.deadline;

/** The day the problem falls due, for the figures: the deadline in force. */
export const dueDate = deadlineInForce;

/** 逾期: past the deadline in force and still open (settled problems never are); SQL twin: worker/problems/overdue.ts. */
export const isOverdue = (p: Dated & { status: ProblemStatus }, today: string): boolean => isOpen(p.status) && deadlineInForce(p) < today;

/** What a programme says about default deadlines: working days per category, and its own default. */
export type DeadlineDefaults = { categoryDays: Readonly<Partial<Record<string, number>>>; defaultDays: number };

/**
 * The default 办结时限 of a problem of `category` counted from `from` (the raised day while 待交办, the
 * dispatch day at 交办): the category's working days, else the programme's default in calendar days.
 */
export function defaultDeadline(from: string, category: string, d: DeadlineDefaults, cal: Calendar): string {
  const days = d.categoryDays[category];
  return days !== undefined ? addWorkingDays(from, days, cal) : addDays(from, d.defaultDays);
}

/** 交办超时: a problem waits in 待交办 more than this many working days (issue 15). */
export const DISPATCH_WITHIN = 3;

/** The last raised day that is 交办超时 on `today`: more than DISPATCH_WITHIN working days before it. */
export const lateOn = (today: string, cal: Calendar): string => workingDaysBefore(today, DISPATCH_WITHIN + 1, cal);

/** 即将到期: the deadline in force falls within this many working days (the daily run's reminder). */
export const DUE_SOON = 3;

/** The last deadline that is 即将到期 on `today`. */
export const dueSoonUntil = (today: string, cal: Calendar): string => addWorkingDays(today, DUE_SOON, cal);

/** A column of a problems row under `alias`; '' for the bare column, as an index expression has it. */
const column = (alias: string, name: string) => (alias ? `${alias}.${name}` : name);

/** deadlineInForce in SQL. */
export const deadlineSql = (alias: string) => `coalesce(${column(alias, 'extended_deadline')}, ${column(alias, 'deadline')})`;

/**
 * dueDate in SQL, written exactly as the expression of the index problems_programme_due_idx (SQLite uses
 * an index on an expression only for the same expression).
 */
export const dueSql = deadlineSql;
