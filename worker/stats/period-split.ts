// A period of days as rollups store it: the whole months inside it, and the days at its edges that do
// not fill a month. Rollups keep both a month row and day rows, so any period is read exactly from at
// most 12 rows a year plus 60 edge days, instead of one row per day or per record.
import { addDays as day, monthEnd, monthStart } from '../../schema/rules/china-time';

export type SplitPeriod = {
  /** First and last whole month ('YYYY-MM'), or null when the period holds no whole month. */
  months: [string, string] | null;
  /** Up to two inclusive day ranges outside those months. */
  days: [string, string][];
};

/** Splits the inclusive days [from, to]; an empty period (from > to) splits into nothing. */
export function splitPeriod(from: string, to: string): SplitPeriod {
  if (from > to) return { months: null, days: [] };
  const first = from === monthStart(from) ? from : day(monthEnd(from), 1); // first day of the first whole month
  const last = to === monthEnd(to) ? to : day(monthStart(to), -1); // last day of the last whole month
  if (first > last) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < first) days.push([from, day(first, -1)]);
  if (last < to) days.push([day(last, 1), to]);
  return { months: [first.slice(0, 7), last.slice(0, 7)], days };
}

/** The day before a 'YYYY-MM-DD' date. */
export const dayBefore = (d: string) => day(d, -1);
