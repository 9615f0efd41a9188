// schema/rules/pairing.ts inForceOn for the drizzle builder: the admin pages, access checks, the officer's
// home page and the sampling read pairings in force on a day through this one expression.
import { and, isNull, or, sql } from 'drizzle-orm';
import { assignments } from '../../schema/tables';

/** The pairings in force on a 'YYYY-MM-DD' day. */
export const inForce = (day: string) =>
  and(sql`${assignments.startsOn} <= ${day}`, or(isNull(assignments.endsOn), sql`${assignments.endsOn} >= ${day}`));
