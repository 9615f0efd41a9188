// 待办 written with the move that creates them and closed by the move that settles them (issue 15): the
// statements go into the move's own D1 batch, each guarded by the same pre-state as the move
// (problem-write.ts), so a refused or lost move leaves no 待办 either. Every new 待办 writes its outbox row
// in the same batch, on the channel the office has chosen (worker/notify/). drizzle builders around
// fixed-text SELECTs with bound parameters: drizzle's D1 batch cannot carry db.run() with parameters,
// so an INSERT … SELECT lists every column in table order (ids NULL: autoincrement).
import { and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { outbox, type TODO_KINDS, todos } from '../../schema/ledger-tables';
import { translator } from '../../web/i18n';
import type { Db } from '../app-env';
import { CHANNEL_SQL } from '../notify/settings';

export type TodoKind = (typeof TODO_KINDS)[number];

/**
 * Who gets a 待办: the admins, the lead unit (its 责任人 if one was named, else its handlers), the officer
 * who raised it, or every officer paired with the enterprise in the problem's programme (a 企业直报, issue 16).
 */
export type Recipients = 'admins' | 'unit' | 'officer' | 'paired';
export type TodoOpen = { kind: TodoKind; to: Recipients; dueOn?: string };
/** What a move does to the 待办 of its problem. */
export type TodoChange = { open: TodoOpen[]; close: TodoKind[] };

/** The problem as the 待办 of a move see it, after the move (the unit it was just dispatched to). */
export type TodoTarget = {
  id: string;
  code: string;
  enterpriseName: string;
  officerId: string;
  leadUnitId: string | null;
  assigneeId: string | null;
  deadline: string;
};

const zh = translator('zh');

/** The notification text of a 待办, in Chinese (the outbox goes to SMS, 企业微信 or 政务钉钉 bridges). */
export const todoMessage = (kind: TodoKind, t: Pick<TodoTarget, 'code' | 'enterpriseName'>, due: string | null) =>
  zh(`todo.${kind}`, { code: t.code, enterprise: t.enterpriseName, due: due ?? '' });

/** The problem's columns or values the recipients are read from: bound values for a move, columns for the daily run. */
export type Parties = { officer: SQL; unit: SQL; assignee: SQL; problem: SQL };

/** SQL over users `u`: whether the user gets a 待办 sent to `to` (active accounts only are asked for by the callers). */
export function recipientsSql(to: Recipients, p: Parties): SQL {
  switch (to) {
    case 'admins':
      return sql`u.role = 'admin'`;
    case 'officer':
      return sql`u.id = ${p.officer}`;
    case 'paired':
      return sql`u.role = 'officer' AND u.id IN (SELECT a.officer_id FROM assignments a JOIN problems q
        ON q.programme_id = a.programme_id AND q.enterprise_id = a.enterprise_id WHERE q.id = ${p.problem})`;
    case 'unit':
      return sql`u.role = 'handler' AND (CASE WHEN ${p.assignee} IS NOT NULL THEN u.id = ${p.assignee} ELSE u.unit_id = ${p.unit} END)`;
  }
}

const partiesOf = (t: TodoTarget): Parties => ({
  officer: sql`${t.officerId}`,
  unit: sql`${t.leadUnitId}`,
  assignee: sql`${t.assigneeId}`,
  problem: sql`${t.id}`,
});

/**
 * The statements of a move's 待办: close the stale ones, open the new ones (once per user, kind and
 * problem: the partial unique index todos_open_uq ignores a repeat), and their outbox rows. `guard` is
 * the move's pre-state check; `origin` names this write so the outbox rows find its 待办.
 */
export function todoStatements(
  db: Db,
  change: TodoChange,
  target: TodoTarget,
  { guard, origin, now }: { guard: SQL; origin: string; now: number },
) {
  const out = [];
  if (change.close.length) {
    out.push(
      db
        .update(todos)
        .set({ closedAt: now })
        .where(and(sql`${todos.problemId} = ${target.id}`, isNull(todos.closedAt), inArray(todos.kind, change.close), guard)),
    );
  }
  for (const open of change.open) {
    const due = open.dueOn ?? target.deadline;
    out.push(
      db
        .insert(todos)
        .select(
          sql`SELECT NULL, u.id, ${open.kind}, ${target.id}, ${due}, ${now}, NULL, ${origin} FROM users u
            WHERE u.disabled = 0 AND ${recipientsSql(open.to, partiesOf(target))} AND ${guard}`,
        )
        .onConflictDoNothing(),
      outboxStatement(db, { origin, problemId: target.id, kind: open.kind, message: todoMessage(open.kind, target, due), now }),
    );
  }
  return out;
}

/** The outbox rows of the 待办 one write just opened (none when it opened none). */
export const outboxStatement = (db: Db, o: { origin: string; problemId: string; kind: TodoKind; message: string; now: number }) =>
  db.insert(outbox).select(
    sql`SELECT NULL, t.id, t.user_id, ch.channel, ${o.message}, CASE ch.channel WHEN 'none' THEN 'skipped' ELSE 'pending' END, 0, ${o.now},
        0, '', ${o.now}, NULL
      FROM todos t, (SELECT ${sql.raw(CHANNEL_SQL)} AS channel) ch
      WHERE t.origin = ${o.origin} AND t.problem_id = ${o.problemId} AND t.kind = ${o.kind}`,
  );
