// The 待办 that time creates (issue 15), once a day: a problem due within 3 working days (即将到期) or past
// its deadline (逾期) gives its unit's 责任人 — else each of the unit's handlers — one 待办; a problem
// waiting in 待交办 more than 3 working days (交办超时) gives each admin one. Idempotent: a user has at most
// one open 待办 of a kind for a problem (todos_open_uq), so a second run the same day finds nothing left to
// add. 待办 that time has made stale (a due-soon one now overdue, one whose problem moved on) are closed.
// Bounded: pages of problems, each one batch with its outbox rows (worker/problems/todos.ts).
import { type SQL, sql } from 'drizzle-orm';
import { addDays } from '../../schema/rules/china-time';
import { deadlineSql, dueSoonUntil, lateOn } from '../../schema/rules/due-date';
import type { Db } from '../app-env';
import { newId } from '../lib/tokens';
import { calendarFrom } from '../problems/deadlines.queries';
import { type Recipients, recipientsSql, type TodoKind, type TodoTarget, todoStatements } from '../problems/todos';
import type { DailyJob, JobContext } from './jobs';

const PAGE = 50;
const DUE = sql.raw(deadlineSql('p'));
/** A unit's turn: dispatched or being handled (无法办理 waits for the admin, not the unit). */
const UNITS_TURN = sql`p.status IN ('dispatched', 'in_progress')`;

type Reminder = { kind: TodoKind; to: Recipients; when: (d: { today: string; soon: string; late: string }) => SQL };

export const REMINDERS: Reminder[] = [
  { kind: 'overdue', to: 'unit', when: ({ today }) => sql`${UNITS_TURN} AND ${DUE} < ${today}` },
  { kind: 'due_soon', to: 'unit', when: ({ today, soon }) => sql`${UNITS_TURN} AND ${DUE} >= ${today} AND ${DUE} <= ${soon}` },
  { kind: 'dispatch_late', to: 'admins', when: ({ late }) => sql`p.status = 'pending' AND p.raised_on <= ${late}` },
];

const columns = { officer: sql`p.officer_id`, unit: sql`p.lead_unit_id`, assignee: sql`p.assignee_id`, problem: sql`p.id` };

/** Problems matching the reminder with a recipient who has no open 待办 of its kind for them yet. */
const candidates = (r: Reminder, when: SQL) => sql`SELECT p.id, p.code, e.name AS enterpriseName, p.officer_id AS officerId,
    p.lead_unit_id AS leadUnitId, p.assignee_id AS assigneeId, ${DUE} AS deadline
  FROM problems p JOIN enterprises e ON e.id = p.enterprise_id
  WHERE ${when} AND EXISTS (SELECT 1 FROM users u WHERE u.disabled = 0 AND ${recipientsSql(r.to, columns)}
    AND NOT EXISTS (SELECT 1 FROM todos t WHERE t.user_id = u.id AND t.kind = ${r.kind} AND t.problem_id = p.id AND t.closed_at IS NULL))
  LIMIT ${PAGE}`;

/** Open reminders whose condition no longer holds. */
const stale = (r: Reminder, when: SQL, now: number) =>
  sql`UPDATE todos SET closed_at = ${now} WHERE closed_at IS NULL AND kind = ${r.kind}
    AND problem_id NOT IN (SELECT p.id FROM problems p WHERE ${when})`;

async function remind({ db, now, today, maxPages }: JobContext & { db: Db }) {
  const calendar = await calendarFrom(db, addDays(today, -31));
  const dates = { today, soon: dueSoonUntil(today, calendar), late: lateOn(today, calendar) };
  const counts: string[] = [];
  for (const r of REMINDERS) {
    const when = r.when(dates);
    let opened = 0;
    for (let page = 0; page < maxPages; page++) {
      const rows = await db.all<TodoTarget>(candidates(r, when));
      if (rows.length === 0) break;
      const origin = `daily:${today}:${newId()}`;
      const statements = rows.flatMap((p) =>
        todoStatements(db, { open: [{ kind: r.kind, to: r.to }], close: [] }, p, { guard: sql`1`, origin, now }),
      );
      await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
      opened += rows.length;
      if (rows.length < PAGE) break;
    }
    const closed = await db.run(stale(r, when, now));
    counts.push(`${r.kind}: ${opened} problems reminded, ${closed.meta.changes} stale closed`);
  }
  return { detail: counts.join('; ') };
}

export const ledgerJobs: DailyJob[] = [{ name: 'ledger-reminders', run: remind }];
