// Working days (schema/rules/working-days.ts) and the default deadlines counted in them (due-date.ts),
// over the 2026 calendar around 国庆节: 10-01 to 10-08 off, Sunday 09-27 and Saturday 10-10 worked (调休).
import { describe, expect, it } from 'vitest';
import { defaultDeadline, dueSoonUntil, lateOn } from '../../schema/rules/due-date';
import {
  addWorkingDays,
  calendarOf,
  isWorkingDay,
  MONDAY_TO_FRIDAY,
  workingDaysBefore,
  workingDaysBetween,
} from '../../schema/rules/working-days';

const holidays = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'];
const cal = calendarOf([
  ...holidays.map((date) => ({ date, kind: 'holiday' as const })),
  { date: '2026-09-27', kind: 'workday' as const },
  { date: '2026-10-10', kind: 'workday' as const },
]);

describe('working days', () => {
  it('are Monday to Friday, less holidays, plus 调休 weekend days', () => {
    expect(isWorkingDay('2026-09-26', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-09-27', cal)).toBe(true); // Sunday worked (调休)
    expect(isWorkingDay('2026-10-01', cal)).toBe(false); // 国庆节, a Thursday
    expect(isWorkingDay('2026-10-09', cal)).toBe(true); // Friday after the holiday
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Saturday worked (调休)
    expect(isWorkingDay('2026-10-11', cal)).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-10', MONDAY_TO_FRIDAY)).toBe(false); // before the year's calendar is entered
  });

  it('move a deadline across a holiday and a 调休 Saturday', () => {
    // From Wednesday 09-30: 10-01…10-08 off, then Fri 10-09 (1), Sat 10-10 worked (2), Mon 10-12 (3).
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-09');
    expect(addWorkingDays('2026-09-30', 2, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-12');
    // 15 working days from Friday 09-25: 09-27 (Sun, worked), 28, 29, 30, 10-09, 10-10, 12…16, 19…22.
    expect(addWorkingDays('2026-09-25', 15, cal)).toBe('2026-10-22');
    // The same 15 days on a plain Monday–Friday calendar end two weeks earlier.
    expect(addWorkingDays('2026-09-25', 15, MONDAY_TO_FRIDAY)).toBe('2026-10-16');
    expect(addWorkingDays('2026-09-25', 0, cal)).toBe('2026-09-25');
  });

  it('count the working days after one date up to another', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-12', cal)).toBe(3);
    expect(workingDaysBetween('2026-09-25', '2026-10-22', cal)).toBe(15);
    expect(workingDaysBetween('2026-10-01', '2026-10-08', cal)).toBe(0);
    expect(workingDaysBetween('2026-10-12', '2026-10-12', cal)).toBe(0);
    expect(workingDaysBetween('2026-10-12', '2026-10-01', cal)).toBe(0);
    for (const n of [0, 1, 5, 15, 30]) expect(workingDaysBetween('2026-09-20', addWorkingDays('2026-09-20', n, cal), cal)).toBe(n);
  });
});

describe('default deadlines', () => {
  const defaults = { categoryDays: { policy: 15 }, defaultDays: 30 };

  it('count a category with an entry in working days, from the day given', () => {
    expect(defaultDeadline('2026-09-25', 'policy', defaults, cal)).toBe('2026-10-22');
  });

  it('fall back to the programme default in calendar days, never to the day itself (no silent due date)', () => {
    expect(defaultDeadline('2026-09-25', 'finance', defaults, cal)).toBe('2026-10-25');
    expect(defaultDeadline('2026-09-25', 'finance', { categoryDays: {}, defaultDays: 45 }, cal)).toBe('2026-11-09');
  });
});

describe('交办超时 and 即将到期', () => {
  it('count working days back from today, across the holiday', () => {
    // On Monday 10-12: working days back are 10-12, 10-10 (调休), 10-09, 09-30 → raised 09-29 or before is late.
    expect(workingDaysBefore('2026-10-12', 4, cal)).toBe('2026-09-29');
    expect(workingDaysBetween('2026-09-29', '2026-10-12', cal)).toBe(4);
    expect(workingDaysBetween('2026-09-30', '2026-10-12', cal)).toBe(3);
    expect(lateOn('2026-10-12', cal)).toBe('2026-09-29');
    expect(lateOn('2026-10-16', MONDAY_TO_FRIDAY)).toBe('2026-10-12'); // raised Monday, Friday is the fourth day
    expect(dueSoonUntil('2026-09-30', cal)).toBe('2026-10-12');
  });
});
