// Writing one move of a problem: the row update, its event and the audit entry in ONE db.batch.
//
// Two people may act on the same problem at once. Every statement is guarded by the state the move was
// decided on — `status = <expected> AND updated_at = <stamp read>` — and the event and audit inserts
// run BEFORE the update, as INSERT … SELECT … WHERE EXISTS (that state). D1 runs a batch as one
// transaction, statements in order with no other write in between, so the guard is either true for all
// three statements (event, audit and update are all written) or false for all three (nothing is
// written and the update reports 0 changed rows). No orphan event, no silent update. Guarding on the
// pre-state rather than on the post-state also holds when two moves compute the same new stamp and
// status (two progress notes in the same millisecond): the stamp each read differs from the one the
// other wrote, because every write moves updated_at forward.
import { and, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { problemEvents, problems } from '../../schema/memo-tables';
import type { AppEnv, Db } from '../app-env';
import { auditStatementIf } from '../lib/audit';
import type { ProblemEvent, ProblemPatch, ProblemStatus } from './transitions';

type Expected = { id: string; status: ProblemStatus; updatedAt: number };

/** Writes the move; false when someone else changed the problem first (nothing was written). */
export async function writeTransition(
  db: Db,
  c: Context<AppEnv>,
  p: Expected,
  move: { patch: ProblemPatch; event: ProblemEvent },
): Promise<boolean> {
  const actorId = c.get('user')?.id ?? null;
  // Strictly later than the stamp read, so the guard of a concurrent move on the old stamp fails.
  const stamp = Math.max(Date.now(), p.updatedAt + 1);
  const guard = sql`EXISTS (SELECT 1 FROM problems WHERE id = ${p.id} AND status = ${p.status} AND updated_at = ${p.updatedAt})`;
  const { kind, from, to, note, data } = move.event;
  // INSERT … SELECT with every column in table order (id NULL: autoincrement). drizzle's d1 batch cannot
  // carry db.run() statements with parameters, so the raw SELECT goes through insert().select().
  const event = db
    .insert(problemEvents)
    .select(
      sql`SELECT NULL, ${p.id}, ${stamp}, ${actorId}, ${kind}, ${from}, ${to}, ${note}, ${data ? JSON.stringify(data) : null} WHERE ${guard}`,
    );
  const auditRow = auditStatementIf(
    db,
    c,
    { action: `problem.${kind}`, objectType: 'problem', objectId: p.id, detail: { kind, from, to } },
    guard,
    stamp,
  );
  const update = db
    .update(problems)
    .set({ ...move.patch, updatedAt: stamp })
    .where(and(eq(problems.id, p.id), eq(problems.status, p.status), eq(problems.updatedAt, p.updatedAt)));
  const [, , updated] = await db.batch([event, auditRow, update]);
  // D1 counts the rows the rollup triggers (migrations 0005, 0007) write too, so a move that went through
  // reports more than 1; a move whose guard failed changed no row and fired no trigger: 0.
  return updated.meta.changes > 0;
}
