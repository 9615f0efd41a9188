// Overdue (逾期) in SQL, the same rule as transitions.ts isOverdue: past the deadline in force (the
// last 延期, else the original 办结时限) and still 未受理 or 办理中. Dates are 'YYYY-MM-DD' text, so
// string order is date order.
import { type SQL, sql } from 'drizzle-orm';
import { problems } from '../../schema/memo-tables';
import { onFirstUse } from '../../schema/on-first-use';

export const dueSql = onFirstUse(() => sql`coalesce(${problems.extendedDeadline}, ${problems.deadline})`);

export const openSql = onFirstUse(() => sql`${problems.status} IN ('pending', 'in_progress')`);

export const overdueSql = (today: string): SQL => sql`(${openSql} AND ${dueSql} < ${today})`;
