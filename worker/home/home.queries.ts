import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { memos, problems } from '../../schema/memo-tables';
import { monthRange } from '../../schema/rules/china-time';
import type { MonthCounts } from '../../schema/rules/three-ones';
import { assignments } from '../../schema/tables';
import type { Db } from '../app-env';
import { openSql, overdueSql } from '../problems/overdue';

export type EnterpriseMonth = MonthCounts & { open: number; overdue: number };

/**
 * This month's 三个一 counts and the open/overdue problems of each enterprise an officer is paired with
 * in a programme, as two GROUP BY aggregates in one round trip. Contacts, visits and solved problems
 * are the officer's own in this programme (三个一 is per officer × enterprise); open and overdue
 * problems are the enterprise's, whoever recorded them.
 */
export async function officerMonth(db: Db, officerId: string, programmeId: string, month: string, on: string) {
  const { from, to } = monthRange(month);
  const paired = sql`(SELECT ${assignments.enterpriseId} FROM ${assignments} WHERE ${assignments.officerId} = ${officerId} AND ${assignments.programmeId} = ${programmeId})`;
  const [memoRows, problemRows] = await db.batch([
    db
      .select({
        enterpriseId: memos.enterpriseId,
        contacts: sql<number>`count(*)`,
        onsite: sql<number>`coalesce(sum(${memos.mode} = 'onsite'), 0)`,
        noRequest: sql<number>`coalesce(sum(${memos.noRequest}), 0)`,
      })
      .from(memos)
      .where(and(eq(memos.officerId, officerId), eq(memos.programmeId, programmeId), gte(memos.visitDate, from), lt(memos.visitDate, to)))
      .groupBy(memos.enterpriseId),
    db
      .select({
        enterpriseId: problems.enterpriseId,
        open: sql<number>`coalesce(sum(${openSql}), 0)`,
        overdue: sql<number>`coalesce(sum(${overdueSql(on)}), 0)`,
        solved: sql<number>`coalesce(sum(${problems.officerId} = ${officerId} AND ${problems.programmeId} = ${programmeId}
          AND ${problems.status} = 'closed' AND ${problems.closedOn} >= ${from} AND ${problems.closedOn} < ${to}), 0)`,
      })
      .from(problems)
      .where(sql`${problems.enterpriseId} IN ${paired}`)
      .groupBy(problems.enterpriseId),
  ]);
  const out = new Map<string, EnterpriseMonth>();
  const get = (id: string) => {
    const row = out.get(id) ?? { contacts: 0, onsite: 0, solved: 0, noRequest: 0, open: 0, overdue: 0 };
    out.set(id, row);
    return row;
  };
  for (const m of memoRows) Object.assign(get(m.enterpriseId), { contacts: m.contacts, onsite: m.onsite, noRequest: m.noRequest });
  for (const p of problemRows) Object.assign(get(p.enterpriseId), { open: p.open, overdue: p.overdue, solved: p.solved });
  return out;
}
