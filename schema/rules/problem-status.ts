// The problem ledger's states (DESIGN §5) as the rules and the figures group them: open (未受理,
// 办理中), closed (已办结) and unresolvable (无法办理). The state machine (worker/problems/transitions.ts),
// the overdue rule (worker/problems/overdue.ts), the ledger figures (worker/stats/problem-rollup.ts,
// problems.queries.ts) and 三个一's solved problems (three-ones.ts) all read these, so a new state
// (issue 15: 待交办, 已交办, 已销号) is placed in one of the groups here and the SQL is regenerated.
// Pure and with type imports only, like everything in schema/rules/: web/, worker/ and Node load it.
import type { PROBLEM_STATUSES } from '../memo-tables.ts';

export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Still to be handled: taken into figures as open, and overdue once past the deadline in force. */
export const OPEN_STATUSES: readonly ProblemStatus[] = ['pending', 'in_progress'];
/** 已办结: counted as closed (办结率, 解决率 …) and, for 三个一, as solved in the month it was closed. */
export const CLOSED_STATUS: ProblemStatus = 'closed';
/** 无法办理: settled without a result. */
export const UNRESOLVABLE_STATUS: ProblemStatus = 'unresolvable';

export const isOpen = (status: ProblemStatus) => OPEN_STATUSES.includes(status);

/** The SQL twins, over the status column of a problems row under `alias` ('' for the bare column). */
const status = (alias: string) => (alias ? `${alias}.status` : 'status');
export const openSql = (alias: string) => `${status(alias)} IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
export const closedSql = (alias: string) => `${status(alias)} = '${CLOSED_STATUS}'`;
export const unresolvableSql = (alias: string) => `${status(alias)} = '${UNRESOLVABLE_STATUS}'`;
