import { asc, eq, sql } from 'drizzle-orm';
import { problemEvents, problems } from '../../schema/memo-tables';
import { onFirstUse } from '../../schema/on-first-use';
import { enterprises, units, users } from '../../schema/tables';
import type { Db } from '../app-env';

export type Problem = typeof problems.$inferSelect;

/** A problem with the names its page shows (aliased: D1 batch rows are keyed by column name). */
export const readProblem = (db: Db, id: string) =>
  db
    .select({
      problem: problems,
      enterpriseName: sql<string>`${enterprises.name}`.as('enterprise_name'),
      officerName: sql<string>`${users.name}`.as('officer_name'),
      leadUnitName: sql<string | null>`${units.name}`.as('lead_unit_name'),
    })
    .from(problems)
    .innerJoin(enterprises, eq(enterprises.id, problems.enterpriseId))
    .innerJoin(users, eq(users.id, problems.officerId))
    .leftJoin(units, eq(units.id, problems.leadUnitId))
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

/** Names of the 协办 units stored as a JSON array of ids (units are a short list: read them all). */
export async function unitNames(db: Db, json: string): Promise<string[]> {
  const ids: unknown = JSON.parse(json);
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const all = await db.select({ id: units.id, name: units.name }).from(units).all();
  const byId = new Map(all.map((u) => [u.id, u.name]));
  return ids.flatMap((id) => byId.get(String(id)) ?? []);
}
