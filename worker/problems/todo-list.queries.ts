// 待办 and the supervision summaries the home pages show (issue 15): the user's open 待办 with counts
// per kind, and for the admin the open and overdue problems per lead unit and what needs attention.
import { and, count, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { calendarDays, outbox, type TODO_KINDS, todos } from '../../schema/ledger-tables';
import { problems } from '../../schema/memo-tables';
import { enterprises, units } from '../../schema/tables';
import type { Db } from '../app-env';
import { openSql, overdueSql } from './overdue';

export type TodoRow = {
  id: number;
  kind: (typeof TODO_KINDS)[number];
  dueOn: string | null;
  problemId: string;
  code: string;
  enterpriseName: string;
};
export type TodoList = { rows: TodoRow[]; counts: { kind: TodoRow['kind']; n: number }[]; total: number };

/** A user's open 待办, newest first (the first `limit`), and how many of each kind. */
export async function openTodos(db: Db, userId: string, limit = 30): Promise<TodoList> {
  const mine = and(eq(todos.userId, userId), isNull(todos.closedAt));
  const [rows, counts] = await db.batch([
    db
      .select({
        id: todos.id,
        kind: todos.kind,
        dueOn: todos.dueOn,
        problemId: todos.problemId,
        code: problems.code,
        enterpriseName: enterprises.name,
      })
      .from(todos)
      .innerJoin(problems, eq(problems.id, todos.problemId))
      .innerJoin(enterprises, eq(enterprises.id, problems.enterpriseId))
      .where(mine)
      .orderBy(desc(todos.id))
      .limit(limit),
    db.select({ kind: todos.kind, n: count() }).from(todos).where(mine).groupBy(todos.kind),
  ]);
  return { rows, counts, total: counts.reduce((s, c) => s + c.n, 0) };
}

export type UnitLoad = { unitId: string; unitName: string; open: number; overdue: number; supervised: number };

/** Per lead unit: open problems, how many overdue, how many under 督办 (most overdue first). */
export const unitLoads = (db: Db, today: string) =>
  db
    .select({
      unitId: units.id,
      unitName: units.name,
      open: count(),
      overdue: sql<number>`sum(${overdueSql(today)})`.mapWith(Number),
      supervised: sql<number>`sum(${problems.supervisedOn} IS NOT NULL)`.mapWith(Number),
    })
    .from(problems)
    .innerJoin(units, eq(units.id, problems.leadUnitId))
    .where(openSql)
    .groupBy(units.id)
    .orderBy(desc(sql`4`), units.name) // the overdue count, most first
    .all();

/** What the admin home flags: problems waiting for 交办 too long, failed notifications, a year with no calendar. */
export async function ledgerAlerts(db: Db, today: string, lateOn: string) {
  const year = today.slice(0, 4);
  const [late, failed, days] = await db.batch([
    db
      .select({ n: count() })
      .from(problems)
      .where(and(eq(problems.status, 'pending'), lte(problems.raisedOn, lateOn))),
    db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed')),
    db
      .select({ n: count() })
      .from(calendarDays)
      .where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`))),
  ]);
  return { lateDispatch: late[0]?.n ?? 0, failedDeliveries: failed[0]?.n ?? 0, calendarMissing: (days[0]?.n ?? 0) === 0 ? year : null };
}
