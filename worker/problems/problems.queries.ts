import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { problemEvents, problems } from '../../schema/memo-tables';
import { onFirstUse } from '../../schema/on-first-use';
import { enterprises, programmes, units, users } from '../../schema/tables';
import type { Db } from '../app-env';

export type Problem = typeof problems.$inferSelect;

const assignee = alias(users, 'assignee');
const proposed = alias(units, 'proposed');

/**
 * A problem with the names its page shows, the enterprise's contact (what a unit handler is given to do
 * the work), and its programme's days for the enterprise to confirm a result (issue 16). Aliased: D1 batch rows are keyed by column name.
 */
export const readProblem = (db: Db, id: string) =>
  db
    .select({
      problem: problems,
      enterpriseName: sql<string>`${enterprises.name}`.as('enterprise_name'),
      contactName: sql<string>`${enterprises.contactName}`.as('contact_name'),
      contactPhone: sql<string>`${enterprises.contactPhone}`.as('contact_phone'),
      officerName: sql<string>`${users.name}`.as('officer_name'),
      leadUnitName: sql<string | null>`${units.name}`.as('lead_unit_name'),
      proposedUnitName: sql<string | null>`${proposed.name}`.as('proposed_unit_name'),
      assigneeName: sql<string | null>`${assignee.name}`.as('assignee_name'),
      confirmWaitDays: sql<number>`${programmes.confirmWaitDays}`.as('confirm_wait_days'),
    })
    .from(problems)
    .innerJoin(enterprises, eq(enterprises.id, problems.enterpriseId))
    .innerJoin(users, eq(users.id, problems.officerId))
    .innerJoin(programmes, eq(programmes.id, problems.programmeId))
    .leftJoin(units, eq(units.id, problems.leadUnitId))
    .leftJoin(proposed, eq(proposed.id, problems.proposedUnitId))
    .leftJoin(assignee, eq(assignee.id, problems.assigneeId))
    .where(eq(problems.id, id))
    .get();

export type ProblemView = NonNullable<Awaited<ReturnType<typeof readProblem>>>;

/** The columns a problem event is shown with, everywhere it is shown (join users on the actor). */
export const eventColumns = onFirstUse(() => ({
  id: problemEvents.id,
  at: problemEvents.at,
  kind: problemEvents.kind,
  fromStatus: problemEvents.fromStatus,
  toStatus: problemEvents.toStatus,
  note: problemEvents.note,
  data: problemEvents.data,
  actorRole: problemEvents.actorRole,
  actorName: sql<string | null>`${users.name}`.as('actor_name'),
}));

/** Every event of a problem, oldest first, with who acted (events are never edited or deleted). */
export const eventsOf = (db: Db, problemId: string) =>
  db
    .select(eventColumns)
    .from(problemEvents)
    .leftJoin(users, eq(users.id, problemEvents.actorId))
    .where(eq(problemEvents.problemId, problemId))
    .orderBy(asc(problemEvents.at), asc(problemEvents.id))
    .all();

/** Every unit's name by id (units are a short list: read them all), for 协办 lists and the timeline. */
export async function unitsById(db: Db): Promise<Record<string, string>> {
  const all = await db.select({ id: units.id, name: units.name }).from(units).all();
  return Object.fromEntries(all.map((u) => [u.id, u.name]));
}

/** Names of the 协办 units stored as a JSON array of ids. */
export function unitNames(byId: Record<string, string>, json: string): string[] {
  const ids: unknown = JSON.parse(json);
  if (!Array.isArray(ids)) return [];
  return ids.flatMap((id) => byId[String(id)] ?? []);
}

export type DispatchOptions = { units: { id: string; name: string }[]; handlers: { id: string; name: string; unitId: string }[] };

/** The 交办 form's choices: units in use, and their handlers (for the optional 责任人). */
export async function dispatchOptions(db: Db): Promise<DispatchOptions> {
  const [unitRows, handlerRows] = await db.batch([
    db.select({ id: units.id, name: units.name }).from(units).where(eq(units.disabled, false)).orderBy(asc(units.name)),
    db
      .select({ id: users.id, name: users.name, unitId: sql<string>`${users.unitId}` })
      .from(users)
      .where(and(eq(users.role, 'handler'), eq(users.disabled, false)))
      .orderBy(asc(users.name)),
  ]);
  return { units: unitRows, handlers: handlerRows };
}
