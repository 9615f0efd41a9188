// Working days (工作日), the calendar of every deadline, 逾期 and handling time in the supervised ledger
// (issue 15): Monday to Friday, less the 法定节假日 (holidays), plus the 调休 weekend days that are worked
// (the State Council's yearly notice moves working days onto Saturdays and Sundays around each long
// holiday). The admin enters each year's calendar (worker/admin/calendar.routes.tsx); until then a year is
// plain Monday to Friday. Dates are still shown as calendar dates: only counting uses working days.
// Pure, like everything in schema/rules/: the worker, the pages and Node load it. The SQL twin counts
// working days over the calendar_days table; test/integration/rules.test.ts holds the two together.
import { addDays, daysBetween } from './china-time.ts';

/** One year's (or several years') exceptions to Monday–Friday. */
export type Calendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

export const MONDAY_TO_FRIDAY: Calendar = { holidays: new Set(), workdays: new Set() };

/** The kinds of calendar_days rows: 法定节假日 off, 调休 worked. */
export const CALENDAR_KINDS = ['holiday', 'workday'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** Saturday or Sunday. */
export const isWeekend = (date: string): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** A weekday that is no holiday, or a weekend day worked by 调休. */
export const isWorkingDay = (date: string, cal: Calendar): boolean => (isWeekend(date) ? cal.workdays.has(date) : !cal.holidays.has(date));

/** The `n`-th working day after `date` (n ≥ 0; `date` itself when n is 0): "15 个工作日" from a dispatch. */
export function addWorkingDays(date: string, n: number, cal: Calendar): string {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

/** The latest day from which `n` working days have passed by `date` (workingDaysBetween(it, date) = n). */
export function workingDaysBefore(date: string, n: number, cal: Calendar): string {
  let day = date;
  for (let counted = 0; counted < n; day = addDays(day, -1)) if (isWorkingDay(day, cal)) counted++;
  return day;
}

/** Working days after `from` up to and including `to`: 0 on the same day, 0 when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  const n = daysBetween(from, to);
  let count = 0;
  for (let i = 1; i <= n; i++) if (isWorkingDay(addDays(from, i), cal)) count++;
  return count;
}

/** The calendar from calendar_days rows. */
export const calendarOf = (rows: readonly { date: string; kind: CalendarKind }[]): Calendar => ({
  holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
  workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
});

/**
 * workingDaysBetween in SQL, over the dates `from` and `to` (SQL expressions) and the calendar_days
 * table: the weekdays of the span by arithmetic (whole weeks, then the days left over after `from`'s
 * day of the week), less the holidays on weekdays, plus the worked weekend days. Rows of the wrong kind
 * for their day (a holiday on a Sunday) change nothing, as in isWorkingDay.
 */
export function workingDaysBetweenSql(from: string, to: string): string {
  const n = `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`;
  const dow = `CAST(strftime('%w', ${from}) AS INTEGER)`;
  const spare = [1, 2, 3, 4, 5, 6].map((i) => `(${n} % 7 >= ${i} AND (${dow} + ${i}) % 7 BETWEEN 1 AND 5)`).join(' + ');
  const inSpan = `c.date > ${from} AND c.date <= ${to}`;
  const weekend = "strftime('%w', c.date) IN ('0', '6')";
  return `(CASE WHEN ${n} > 0 THEN (${n} / 7) * 5 + ${spare}
    - (SELECT count(*) FROM calendar_days c WHERE c.kind = 'holiday' AND ${inSpan} AND NOT ${weekend})
    + (SELECT count(*) FROM calendar_days c WHERE c.kind = 'workday' AND ${inSpan} AND ${weekend}) ELSE 0 END)`;
}
