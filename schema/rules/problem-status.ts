// The problem ledger's states (DESIGN §5, issue 15) as the rules and the figures group them. The state
// machine (schema/rules/problem-moves.ts, worker/problems/transitions.ts), the overdue rule
// (worker/problems/overdue.ts), the ledger figures (worker/stats/problem-rollup.ts, problems.queries.ts)
// and 三个一's solved problems (three-ones.ts) all read these; the SQL is regenerated from them.
//   open:       待交办, 已交办, 办理中, 无法办理 (until the admin confirms it or 转办: still unsettled, so it
//               can be overdue)
//   done:       已办结, 已销号 — settled with a result: solved for 三个一, open to 回访
//   unresolved: 确认无法办理 — settled without a result
//   closed:     done or unresolved — what 办结率 counts as 办结; 解决率 = done with a non-negative 回访 over
//               closed, so a problem confirmed unresolvable is closed and not resolved (DESIGN §6)
// Pure and with type imports only, like everything in schema/rules/: web/, worker/ and Node load it.
import type { PROBLEM_STATUSES } from '../memo-tables.ts';

export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const OPEN_STATUSES: readonly ProblemStatus[] = ['pending', 'dispatched', 'in_progress', 'unresolvable'];
export const DONE_STATUSES: readonly ProblemStatus[] = ['closed', 'struck_off'];
export const UNRESOLVED_STATUS: ProblemStatus = 'unresolved';
export const CLOSED_STATUSES: readonly ProblemStatus[] = [...DONE_STATUSES, UNRESOLVED_STATUS];

export const isOpen = (status: ProblemStatus) => OPEN_STATUSES.includes(status);
export const isDone = (status: ProblemStatus) => DONE_STATUSES.includes(status);
export const isClosed = (status: ProblemStatus) => CLOSED_STATUSES.includes(status);

/** The SQL twins, over the status column of a problems row under `alias` ('' for the bare column). */
const status = (alias: string) => (alias ? `${alias}.status` : 'status');
const among = (alias: string, list: readonly string[]) => `${status(alias)} IN (${list.map((s) => `'${s}'`).join(', ')})`;
export const openSql = (alias: string) => among(alias, OPEN_STATUSES);
export const doneSql = (alias: string) => among(alias, DONE_STATUSES);
export const closedSql = (alias: string) => among(alias, CLOSED_STATUSES);
export const unresolvedSql = (alias: string) => `${status(alias)} = '${UNRESOLVED_STATUS}'`;
