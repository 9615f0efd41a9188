// The working-day calendar's input (issue 15): one year's 法定节假日 and 调休 working days, typed as a date
// per line ("2026-10-01 国庆节") or imported from a CSV of dates (日期, 类型 休/班, 说明). A date that is not
// a date, or not in the year being edited, and a 调休 working day that is not a Saturday or Sunday, are
// refused with their line (422), and nothing is stored.
import * as z from 'zod';
import { PROBLEM_CATEGORIES } from '../memo-tables';
import { onFirstUse } from '../on-first-use';
import { isDate } from '../rules/china-time';
import { type CalendarKind, isWeekend } from '../rules/working-days';

export const yearOf = onFirstUse(() => z.coerce.number().int().min(2000).max(2100));

export type CalendarEntry = { line: number; date: string; kind: CalendarKind; note: string };
/** A refused line: the catalogue key of the reason (calendar.err.*) and the line. */
export type CalendarIssue = { line: number; reason: 'date' | 'year' | 'notWeekend' | 'twice' | 'kind'; text: string };

const LINE = /^\s*(\S+)\s*(.*?)\s*$/;

/** The dates of a textarea, one per line with an optional note after it; blank lines are skipped. */
export function linesOf(text: string, kind: CalendarKind): CalendarEntry[] {
  return text.split(/\r\n|\r|\n/).flatMap((raw, i) => {
    const m = LINE.exec(raw);
    return m?.[1] ? [{ line: i + 1, date: m[1], kind, note: (m[2] ?? '').slice(0, 40) }] : [];
  });
}

const KINDS: Record<string, CalendarKind> = {
  休: 'holiday',
  放假: 'holiday',
  holiday: 'holiday',
  班: 'workday',
  上班: 'workday',
  workday: 'workday',
};

/** CSV records (日期, 类型, 说明) as entries; a first line that is not a date is the header. */
export function csvEntries(records: { line: number; cells: string[] }[]): { entries: CalendarEntry[]; issues: CalendarIssue[] } {
  const entries: CalendarEntry[] = [];
  const issues: CalendarIssue[] = [];
  records.forEach(({ line, cells }, i) => {
    const [date = '', kind = '', note = ''] = cells.map((c) => c.trim());
    if (i === 0 && !/^\d/.test(date)) return;
    const k = KINDS[kind.toLowerCase()];
    if (!k) issues.push({ line, reason: 'kind', text: kind });
    else entries.push({ line, date, kind: k, note: note.slice(0, 40) });
  });
  return { entries, issues };
}

/** The year's rows, or every line that cannot be one. */
export function checkYear(
  year: number,
  entries: CalendarEntry[],
): { ok: true; rows: CalendarEntry[] } | { ok: false; issues: CalendarIssue[] } {
  const issues: CalendarIssue[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (!isDate(e.date)) issues.push({ line: e.line, reason: 'date', text: e.date });
    else if (!e.date.startsWith(`${year}-`)) issues.push({ line: e.line, reason: 'year', text: e.date });
    else if (e.kind === 'workday' && !isWeekend(e.date)) issues.push({ line: e.line, reason: 'notWeekend', text: e.date });
    else if (seen.has(e.date)) issues.push({ line: e.line, reason: 'twice', text: e.date });
    seen.add(e.date);
  }
  return issues.length ? { ok: false, issues } : { ok: true, rows: entries };
}

export const calendarForm = onFirstUse(() =>
  z.strictObject({
    holidays: z.string().max(4000).default(''),
    workdays: z.string().max(4000).default(''),
  }),
);

/** Days of a default deadline: a whole number from 1 to 365. */
const days = onFirstUse(() =>
  z.coerce.number('deadlines.err.days').int('deadlines.err.days').min(1, 'deadlines.err.days').max(365, 'deadlines.err.days'),
);
const optionalDays = onFirstUse(() =>
  z
    .string()
    .trim()
    .default('')
    .transform((s, ctx) => {
      if (s === '') return null;
      const n = days.safeParse(s);
      if (!n.success) {
        ctx.addIssue({ code: 'custom', message: 'deadlines.err.days' });
        return z.NEVER;
      }
      return n.data;
    }),
);

/** A programme's default deadlines: its own default in calendar days, and working days per category (blank: none). */
export const deadlinesInput = onFirstUse(() =>
  z.strictObject({
    defaultDays: days,
    ...(Object.fromEntries(PROBLEM_CATEGORIES.map((c) => [`days.${c}`, optionalDays])) as Record<
      `days.${(typeof PROBLEM_CATEGORIES)[number]}`,
      typeof optionalDays
    >),
  }),
);
