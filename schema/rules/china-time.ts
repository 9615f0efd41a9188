// China time, the one calendar of the product (DESIGN §3): every programme runs on Asia/Shanghai, which
// is UTC+8 all year with no daylight saving since 1991, so an instant becomes a date by adding 8 hours,
// and a date becomes an instant by subtracting them. Dates are 'YYYY-MM-DD' text, months 'YYYY-MM'.
// Pure code with no clock of its own (callers pass `now`), imported by the worker, the pages, the seed
// and the bench alike. Date arithmetic runs on UTC midnights, which have no DST to trip over.

export const CHINA_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** The date in China of an instant: a visit at 07:00 Beijing time (23:00 UTC the day before) is on that day. */
export const chinaDate = (ms: number): string => iso(ms + CHINA_OFFSET_MS).slice(0, 10);

/** Today in China. Between 00:00 and 08:00 Beijing time the UTC date is still yesterday's. */
export const chinaToday = (now: number = Date.now()): string => chinaDate(now);

/** The month in China of an instant, 'YYYY-MM'. */
export const chinaMonth = (ms: number): string => iso(ms + CHINA_OFFSET_MS).slice(0, 7);

/** chinaMonth in SQL, over an epoch-ms expression (integer division: whole seconds are enough for a month). */
export const chinaMonthSql = (ms: string) => `strftime('%Y-%m', (${ms} + ${CHINA_OFFSET_MS}) / 1000, 'unixepoch')`;

/** chinaDate in SQL, over an epoch-ms expression: 'YYYY-MM-DD'. */
export const chinaDateSql = (ms: string) => `strftime('%Y-%m-%d', (${ms} + ${CHINA_OFFSET_MS}) / 1000, 'unixepoch')`;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/** The last day written, so instants of one day (most of an export's page) share their date text. */
let lastDay = Number.NaN;
let lastDate = '';

/**
 * 'YYYY-MM-DD HH:mm' in China time, to the minute: how pages and files show an instant. The date part
 * once per day, the time by arithmetic: this runs once per row of a million-row export.
 */
export function chinaDateTime(ms: number): string {
  const local = ms + CHINA_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  if (day !== lastDay) {
    lastDate = iso(day * DAY_MS).slice(0, 10);
    lastDay = day;
  }
  const minutes = Math.floor((local - day * DAY_MS) / 60_000);
  return `${lastDate} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The China day number SQL computes as (ms + CHINA_OFFSET_MS) / DAY_MS (integer division), as its date. */
export const chinaDayDate = (day: number): string => iso(day * DAY_MS).slice(0, 10);

/** 'YYYY-MM-DDTHH:mm' in China time: the value of a datetime-local input. */
export const chinaLocalInput = (ms: number): string => iso(ms + CHINA_OFFSET_MS).slice(0, 16);

/** Epoch ms of 00:00 China time on a date (campaigns and sessions store instants). */
export const chinaMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS;

/**
 * 'YYYY-MM-DDTHH:mm' (seconds allowed) in China time → epoch ms, or NaN for a time that does not exist
 * or a date outside FIRST_DATE … LAST_DATE. Date.UTC would roll 02-30 over to March and map years 0–99
 * to 1900–1999: both are refused instead.
 */
export function parseChinaLocal(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (!isDate(`${m[1]}-${m[2]}-${m[3]}`) || h > 23 || mi > 59 || s > 59) return Number.NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS;
}

/** A real calendar date written 'YYYY-MM-DD' (no 02-30, no 2026-13-01), whatever its year. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && iso(ms).startsWith(s);
}

/**
 * The dates the product accepts, in every input (issue 13): a round opening on 0000-01-01 was stored as
 * 1900 (Date.UTC maps years 0–99 to 1900–1999) and a memo of 0000-01-01 was counted in the rollups.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';

/** A real calendar date within FIRST_DATE … LAST_DATE: what every date input must be. */
export const isDate = (s: string): boolean => isCalendarDate(s) && s >= FIRST_DATE && s <= LAST_DATE;

/** The date `days` calendar days after (or before, if negative) a date. */
export const addDays = (date: string, days: number): string => iso(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).slice(0, 10);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The earliest of some 'YYYY-MM-DD' dates (text order is date order). */
export const earliest = (first: string, ...more: string[]): string => [first, ...more].sort()[0] as string;

/** 'YYYY-MM' of a 'YYYY-MM-DD' date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The first day of a 'YYYY-MM' month. */
export const monthStart = (month: string): string => `${month.slice(0, 7)}-01`;

/** The last day of a 'YYYY-MM' month (or of the month of a 'YYYY-MM-DD' date). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return iso(Date.UTC(y, m, 0)).slice(0, 10);
}

/** The month after a 'YYYY-MM' month. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The half-open range [from, to) of a month as dates, for index-friendly `>= from AND < to` on the
 * text date columns (a LIKE 'YYYY-MM-%' would not use the (enterprise, visit_date) index as well).
 */
export const monthRange = (month: string): { from: string; to: string } => ({ from: monthStart(month), to: monthStart(nextMonth(month)) });

/** 'YYYY-MM' of every month from the month of `from` to the month of `to`, oldest first (the latest `max`). */
export function monthsBetween(from: string, to: string, max = 36): string[] {
  const months: string[] = [];
  const last = monthOf(to);
  for (let month = monthOf(from); month <= last; month = nextMonth(month)) months.push(month);
  return months.slice(-max);
}
