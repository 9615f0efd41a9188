// When a problem is due (DESIGN §6: 办结率 = 已办结 / problems due in the period; 按期办结率; overdue):
// the deadline in force — the last approved 延期, else the 办结时限 — and, for a problem with no deadline
// at all, the day it was raised. The TypeScript rule (the problem pages, the state machine) and its SQL
// twin (the ledger figures, the problem_counts triggers, the ledger export, the due-date index) are
// both here and test/integration/rules.test.ts holds them to each other. Issue 14 replaces "due the day
// it was raised" by a provisional deadline: this file is the one place to change, then regenerate the
// triggers (scripts/rollup-migration.ts) and add the index again under the new expression. Pure.

export type Dated = { raisedOn: string; deadline: string | null; extendedDeadline: string | null };

/** The deadline in force (办结时限 after 延期); null when none was ever set. */
export const deadlineInForce = (p: Pick<Dated, 'deadline' | 'extendedDeadline'>): string | null => p.extendedDeadline ?? p.deadline;

/** The day the problem falls due, for the figures. */
export const dueDate = (p: Dated): string => deadlineInForce(p) ?? p.raisedOn;

/** A column of a problems row under `alias`; '' for the bare column, as an index expression has it. */
const column = (alias: string, name: string) => (alias ? `${alias}.${name}` : name);

/** deadlineInForce in SQL. */
export const deadlineSql = (alias: string) => `coalesce(${column(alias, 'extended_deadline')}, ${column(alias, 'deadline')})`;

/**
 * dueDate in SQL: one coalesce of the three columns, written exactly as the expression of the index
 * problems_programme_due_idx (SQLite uses an index on an expression only for the same expression).
 */
export const dueSql = (alias: string) =>
  `coalesce(${column(alias, 'extended_deadline')}, ${column(alias, 'deadline')}, ${column(alias, 'raised_on')})`;
