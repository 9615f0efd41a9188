// What a deadline is computed from: a programme's default deadlines (working days per category, and its
// own default in calendar days) and the working-day calendar (schema/rules/working-days.ts, due-date.ts).
import { gte } from 'drizzle-orm';
import { calendarDays } from '../../schema/ledger-tables';
import { addDays, chinaToday } from '../../schema/rules/china-time';
import { type DeadlineDefaults, lateOn, PROGRAMME_DEFAULT_DAYS } from '../../schema/rules/due-date';
import { type Calendar, calendarOf } from '../../schema/rules/working-days';
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';

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

// One statement, fixed text: the memo write reads it before its batch, on every memo.
const DEFAULTS = `SELECT (SELECT default_deadline_days FROM programmes WHERE id = ?1) AS days,
  (SELECT json_group_object(category, working_days) FROM category_deadlines WHERE programme_id = ?1) AS categories`;

/** A programme's default deadlines (the programme default alone when the programme is unknown). */
export async function deadlineDefaults(db: Db, programmeId: string): Promise<DeadlineDefaults> {
  const row = await d1Of(db).prepare(DEFAULTS).bind(programmeId).first<{ days: number | null; categories: string | null }>();
  return {
    defaultDays: row?.days ?? PROGRAMME_DEFAULT_DAYS,
    categoryDays: JSON.parse(row?.categories ?? '{}') as Record<string, number>,
  };
}

/** Today, and the last raised day that is 交办超时 today (a month back covers the longest holiday). */
export async function ledgerDay(db: Db, today = chinaToday()): Promise<{ today: string; lateOn: string }> {
  return { today, lateOn: lateOn(today, await calendarFrom(db, addDays(today, -31))) };
}
