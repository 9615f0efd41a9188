// What a deadline is computed from: a programme's default deadlines (working days per category, and its
// own default in calendar days) and the working-day calendar (schema/rules/working-days.ts, due-date.ts).
import { eq, gte } from 'drizzle-orm';
import { calendarDays, categoryDeadlines } from '../../schema/ledger-tables';
import { addDays, chinaToday } from '../../schema/rules/china-time';
import { type DeadlineDefaults, lateOn, PROGRAMME_DEFAULT_DAYS } from '../../schema/rules/due-date';
import { type Calendar, calendarOf } from '../../schema/rules/working-days';
import { programmes } from '../../schema/tables';
import type { Db } from '../app-env';

/** The calendar's exceptions from `from` on (a few dozen rows a year: read them all). */
export async function calendarFrom(db: Db, from: string): Promise<Calendar> {
  return calendarOf(
    await db
      .select({ date: calendarDays.date, kind: calendarDays.kind })
      .from(calendarDays)
      .where(gte(calendarDays.date, addDays(from, -1)))
      .all(),
  );
}

/** A programme's default deadlines (the programme default alone when the programme is unknown). */
export async function deadlineDefaults(db: Db, programmeId: string): Promise<DeadlineDefaults> {
  const [programme, rows] = await db.batch([
    db.select({ days: programmes.defaultDeadlineDays }).from(programmes).where(eq(programmes.id, programmeId)),
    db
      .select({ category: categoryDeadlines.category, days: categoryDeadlines.workingDays })
      .from(categoryDeadlines)
      .where(eq(categoryDeadlines.programmeId, programmeId)),
  ]);
  return {
    defaultDays: programme[0]?.days ?? PROGRAMME_DEFAULT_DAYS,
    categoryDays: Object.fromEntries(rows.map((r) => [r.category, r.days])),
  };
}

/** Today, and the last raised day that is 交办超时 today (a month back covers the longest holiday). */
export async function ledgerDay(db: Db, today = chinaToday()): Promise<{ today: string; lateOn: string }> {
  return { today, lateOn: lateOn(today, await calendarFrom(db, addDays(today, -31))) };
}
