// Object-level authorisation (DESIGN §9): officers read and write only the enterprises paired with them;
// admins see everything. Every route checks the object it touches, not only the role. Reading follows any
// pairing the officer ever had — in any programme, ended ones included (issue 14: ending a pairing keeps
// it) — so the history of an enterprise they assisted, their own memos and problems included, stays
// theirs to read; writing a new memo needs a pairing in force today.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { assignments } from '../../schema/tables';
import type { Db, SessionUser } from '../app-env';
import { inForce } from '../lib/pairing-sql';

export async function canSeeEnterprise(db: Db, user: SessionUser, enterpriseId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
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

/** The WHERE clause that narrows a list to what the user may see (undefined for admins: everything). */
export function visibleTo(user: SessionUser, enterpriseColumn: SQLiteColumn): SQL | undefined {
  if (user.role === 'admin') return undefined;
  return sql`${enterpriseColumn} IN (SELECT ${assignments.enterpriseId} FROM ${assignments} WHERE ${assignments.officerId} = ${user.id})`;
}
