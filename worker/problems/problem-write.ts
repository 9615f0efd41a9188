// Writing one move of a problem: the row update, its event, the audit entry and the 待办 it opens and
// closes (with their outbox rows) in ONE db.batch.
//
// Two people may act on the same problem at once. Every statement is guarded by the state the move was
// decided on — `status = <expected> AND updated_at = <stamp read>` — and the event, audit and 待办
// statements run BEFORE the update, each writing only WHERE EXISTS (that state). D1 runs a batch as one
// transaction, statements in order with no other write in between, so the guard is either true for all
// of them (everything is written) or false for all of them (nothing is written and the update reports 0
// changed rows). No orphan event, no silent update, no 待办 for a move that did not happen. Guarding on the
// pre-state rather than on the post-state also holds when two moves compute the same new stamp and
// status (two progress notes in the same millisecond): the stamp each read differs from the one the
// other wrote, because every write moves updated_at forward. A bulk 交办 is one batch of such groups.
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { problemEvents, problems } from '../../schema/memo-tables';
import { deadlineInForce } from '../../schema/rules/due-date';
import type { Actor } from '../../schema/rules/problem-moves';
import type { AppEnv, Db } from '../app-env';
import { auditStatementIf } from '../lib/audit';
import { newId } from '../lib/tokens';
import { type TodoChange, type TodoTarget, todoStatements } from './todos';
import type { ProblemEvent, ProblemPatch, ProblemStatus } from './transitions';

/** The problem as read before the move: the guard's state, and what its 待办 need. */
export type Expected = Omit<TodoTarget, 'deadline'> & {
  status: ProblemStatus;
  updatedAt: number;
  deadline: string;
  extendedDeadline: string | null;
};
export type Move = { patch: ProblemPatch; event: ProblemEvent; todos: TodoChange };

/** The statements of one move; the last one is the guarded update, whose changed-row count says whether it went through. */
export function moveStatements(db: Db, c: Context<AppEnv>, p: Expected, move: Move, actor: Actor, now = Date.now()): BatchItem<'sqlite'>[] {
  // The enterprise (企业确认) acts through its link, never an account: its events and audit rows name no user.
  const actorId = actor === 'enterprise' ? null : (c.get('user')?.id ?? null);
  // Strictly later than the stamp read, so the guard of a concurrent move on the old stamp fails.
  const stamp = Math.max(now, p.updatedAt + 1);
  const guard = sql`EXISTS (SELECT 1 FROM problems WHERE id = ${p.id} AND status = ${p.status} AND updated_at = ${p.updatedAt})`;
  const { kind, from, to, note, data, forEnterprise = false } = move.event;
  // INSERT … SELECT with every column in table order (id NULL: autoincrement). drizzle's d1 batch cannot
  // carry db.run() statements with parameters, so the raw SELECT goes through insert().select().
  const event = db
    .insert(problemEvents)
    .select(
      sql`SELECT NULL, ${p.id}, ${stamp}, ${actorId}, ${actor}, ${kind}, ${from}, ${to}, ${note}, ${data ? JSON.stringify(data) : null}, ${forEnterprise ? 1 : 0} WHERE ${guard}`,
    );
  const auditRow = auditStatementIf(
    db,
    c,
    { action: `problem.${kind}`, objectType: 'problem', objectId: p.id, detail: { kind, from, to } },
    guard,
    stamp,
  );
  // The 待办 go to the problem as the move leaves it (a 交办's new unit and 责任人).
  const after: TodoTarget = {
    ...p,
    leadUnitId: move.patch.leadUnitId ?? p.leadUnitId,
    assigneeId: move.patch.assigneeId !== undefined ? move.patch.assigneeId : p.assigneeId,
    deadline: deadlineInForce({
      deadline: move.patch.deadline ?? p.deadline,
      extendedDeadline: move.patch.extendedDeadline !== undefined ? move.patch.extendedDeadline : p.extendedDeadline,
    }),
  };
  const todos = todoStatements(db, move.todos, after, { guard, origin: `${p.id}:${stamp}:${newId()}`, now: stamp });
  const update = db
    .update(problems)
    .set({ ...move.patch, updatedAt: stamp })
    .where(and(eq(problems.id, p.id), eq(problems.status, p.status), eq(problems.updatedAt, p.updatedAt)));
  return [event, auditRow, ...todos, update];
}

/** Writes the move; false when someone else changed the problem first (nothing was written). */
export async function writeTransition(db: Db, c: Context<AppEnv>, p: Expected, move: Move, actor: Actor): Promise<boolean> {
  const statements = moveStatements(db, c, p, move, actor);
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  // D1 counts the rows the rollup triggers write too, so a move that went through reports more than 1;
  // a move whose guard failed changed no row and fired no trigger: 0.
  return (results.at(-1) as { meta: { changes: number } }).meta.changes > 0;
}
