// When a pairing (帮扶结对, schema/tables.ts assignments) is in force, and for which months it counts
// (issue 14). A pairing runs from `starts_on` to `ends_on`, both days included; `ends_on` is null while it
// is current. A pair counts for a month when it is in force on the 15th of that month: one day decides,
// so a pairing made on 12-07 counts for December and not for January to November, and ending or adding a
// pairing today never rewrites a month whose 15th has passed. The rule serves 三个一 (three-ones.ts),
// the satisfaction groups by officer and unit (worker/stats/group-rollup.ts) and the claims cross-check.
// Pure, with its SQL twins; test/integration/rules.test.ts holds them to each other.

/** The day of the month on which a pairing must be in force for the pair to count that month. */
export const COUNTING_DAY = 15;

export type Dated = { startsOn: string; endsOn: string | null };

/** The day that decides whether a pair counts for a 'YYYY-MM' month. */
export const countingDate = (month: string): string => `${month.slice(0, 7)}-${String(COUNTING_DAY).padStart(2, '0')}`;

/** Whether a pairing is in force on a 'YYYY-MM-DD' date. */
export const inForceOn = (p: Dated, date: string): boolean => p.startsOn <= date && (p.endsOn === null || p.endsOn >= date);

/** Whether a pairing counts for a 'YYYY-MM' month. */
export const countsFor = (p: Dated, month: string): boolean => inForceOn(p, countingDate(month));

/** Whether two date ranges of the same pair share a day (a null end runs on for ever). */
export const overlaps = (a: Dated, b: Dated): boolean =>
  (a.endsOn === null || a.endsOn >= b.startsOn) && (b.endsOn === null || b.endsOn >= a.startsOn);

/** inForceOn in SQL, for the assignments row under `a` and a date expression. */
export const inForceOnSql = (a: string, date: string) => `${a}.starts_on <= ${date} AND (${a}.ends_on IS NULL OR ${a}.ends_on >= ${date})`;

/** countingDate in SQL, over a 'YYYY-MM' expression. */
export const countingDateSql = (month: string) => `${month} || '-${String(COUNTING_DAY).padStart(2, '0')}'`;

/** countsFor in SQL: the assignments row under `a` counts for the month expression. */
export const countsForSql = (a: string, month: string) => inForceOnSql(a, countingDateSql(month));

/** What is wrong with a pairing's dates, as (field, catalogue key) pairs; empty when nothing is. */
export type DatesProblem = { field: 'startsOn' | 'endsOn'; key: 'err.dateOrder' | 'assign.err.outsidePeriod' | 'assign.err.overlap' };

/**
 * The rules a pairing's dates must keep (issue 14): the end not before the start, both within the
 * programme's period, and no day shared with another range of the same pair (`others`: the pair's other
 * pairings). A start in the past is allowed: it corrects the list, and the figures follow.
 */
export function datesProblems(p: Dated, period: { startsOn: string; endsOn: string }, others: readonly Dated[]): DatesProblem[] {
  const out: DatesProblem[] = [];
  if (p.endsOn !== null && p.endsOn < p.startsOn) out.push({ field: 'endsOn', key: 'err.dateOrder' });
  if (p.startsOn < period.startsOn || p.startsOn > period.endsOn) out.push({ field: 'startsOn', key: 'assign.err.outsidePeriod' });
  if (p.endsOn !== null && (p.endsOn < period.startsOn || p.endsOn > period.endsOn))
    out.push({ field: 'endsOn', key: 'assign.err.outsidePeriod' });
  if (!out.length && others.some((o) => overlaps(p, o))) out.push({ field: 'startsOn', key: 'assign.err.overlap' });
  return out;
}

/** The start a new pairing gets when none is given: today, or the programme's first day if it has not begun. */
export const defaultStart = (today: string, period: { startsOn: string }): string => (today < period.startsOn ? period.startsOn : today);

/** The end 解除结对 proposes: today, or the programme's last day if it is over. */
export const defaultEnd = (today: string, period: { endsOn: string }): string => [today, period.endsOn].sort()[0] ?? today;
