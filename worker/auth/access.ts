// Object-level authorisation (DESIGN §9): officers read and write only the enterprises paired with them;
// unit handlers (单位联络员) only the problems dispatched to their unit, as 主办 or 协办, and no enterprise
// file, memo or figure (issue 15); leaders (领导) no object at all, only figures (issue 19); admins see
// everything. Every route checks the object it touches, not
// only the role. An officer's reading follows any pairing they ever had — in any programme, ended ones
// included (issue 14: ending a pairing keeps it) — so the history of an enterprise they assisted, their
// own memos and problems included, stays theirs to read; writing a new memo needs a pairing in force today.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { assignments } from '../../schema/tables';
import type { Db, SessionUser } from '../app-env';
import { inForce } from '../lib/pairing-sql';

export async function canSeeEnterprise(db: Db, user: SessionUser, enterpriseId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'officer') return false;
  const row = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.officerId, user.id), eq(assignments.enterpriseId, enterpriseId)))
    .get();
  return row !== undefined;
}

/** A memo is written for the programme running now, so the pairing must be in that programme and in force today. */
export async function pairedIn(db: Db, officerId: string, programmeId: string, enterpriseId: string, today: string): Promise<boolean> {
  const row = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        eq(assignments.officerId, officerId),
        eq(assignments.programmeId, programmeId),
        eq(assignments.enterpriseId, enterpriseId),
        inForce(today),
      ),
    )
    .get();
  return row !== undefined;
}

/** The WHERE clause that narrows a list of problems to what the user may see (undefined for admins: everything). */
export function visibleTo(user: SessionUser, enterpriseColumn: SQLiteColumn): SQL | undefined {
  if (user.role === 'admin') return undefined;
  if (user.role === 'handler') return unitProblemsSql(user.unitId ?? '');
  if (user.role === 'leader') return sql`0`; // no ledger rows at all (issue 19); the fence refuses the pages first
  return sql`${enterpriseColumn} IN (SELECT ${assignments.enterpriseId} FROM ${assignments} WHERE ${assignments.officerId} = ${user.id})`;
}

/**
 * The problems of a unit, as 主办 or 协办, once dispatched (a 待交办 problem's units are only proposed):
 * the same rule as schema/rules/problem-moves.ts actorOf, over the unaliased problems table.
 */
export const unitProblemsSql = (unitId: string): SQL =>
  sql`(problems.status <> 'pending' AND (problems.lead_unit_id = ${unitId}
    OR EXISTS (SELECT 1 FROM json_each(problems.support_unit_ids) WHERE json_each.value = ${unitId})))`;
