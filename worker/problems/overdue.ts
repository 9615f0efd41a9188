// Overdue (逾期) in SQL, the same rule as transitions.ts isOverdue: past the deadline in force (the
// last approved 延期, else the 办结时限) and still open (schema/rules/problem-status.ts); the pieces are the rules of
// schema/rules/due-date.ts and problem-status.ts, over the unaliased problems table. Dates are
// 'YYYY-MM-DD' text, so string order is date order.
import { type SQL, sql } from 'drizzle-orm';
import { deadlineSql } from '../../schema/rules/due-date';
import { openSql as openStatusSql } from '../../schema/rules/problem-status';

export const openSql = sql.raw(openStatusSql('problems'));

export const overdueSql = (today: string): SQL => sql`(${openSql} AND ${sql.raw(deadlineSql('problems'))} < ${today})`;
