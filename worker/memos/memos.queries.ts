import { asc, eq, sql } from 'drizzle-orm';
import { memos, problems } from '../../schema/memo-tables';
import { chinaToday } from '../../schema/rules/china-time';
import { enterprises, units, users } from '../../schema/tables';
import { myEnterprises } from '../admin/assignments.queries';
import type { Db } from '../app-env';

export type Memo = typeof memos.$inferSelect;

export const readMemo = (db: Db, id: string) => db.select().from(memos).where(eq(memos.id, id)).get();

/** A memo with the names its page shows (aliased: D1 batch rows are keyed by column name). */
export const readMemoView = (db: Db, id: string) =>
  db
    .select({
      memo: memos,
      enterpriseName: sql<string>`${enterprises.name}`.as('enterprise_name'),
      officerName: sql<string>`${users.name}`.as('officer_name'),
    })
    .from(memos)
    .innerJoin(enterprises, eq(enterprises.id, memos.enterpriseId))
    .innerJoin(users, eq(users.id, memos.officerId))
    .where(eq(memos.id, id))
    .get();

export const memoProblems = (db: Db, memoId: string) =>
  db
    .select({
      id: problems.id,
      code: problems.code,
      category: problems.category,
      description: problems.description,
      urgency: problems.urgency,
      status: problems.status,
      deadline: problems.deadline,
      extendedDeadline: problems.extendedDeadline,
      solvedOnSpot: problems.solvedOnSpot,
      resolution: problems.resolution,
      leadUnitName: sql<string | null>`${units.name}`.as('lead_unit_name'),
    })
    .from(problems)
    .leftJoin(units, eq(units.id, problems.leadUnitId))
    .where(eq(problems.memoId, memoId))
    .orderBy(asc(problems.code))
    .all();

export type MemoFormOptions = { enterprises: { id: string; name: string }[]; units: { id: string; name: string }[] };

/** The memo form's choices: only the officer's own enterprises in the programme, and units in use. */
export async function memoFormOptions(db: Db, officerId: string, programmeId: string | null): Promise<MemoFormOptions> {
  const [mine, unitRows] = await Promise.all([
    programmeId ? myEnterprises(db, officerId, programmeId, chinaToday()) : Promise.resolve([]),
    db.select({ id: units.id, name: units.name }).from(units).where(eq(units.disabled, false)).orderBy(asc(units.name)).all(),
  ]);
  return { enterprises: mine.map((e) => ({ id: e.id, name: e.name })), units: unitRows };
}
