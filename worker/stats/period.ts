// The filters every statistics page, export and report shares: a programme and a period of calendar
// days (China time, DESIGN §3: dates are 'YYYY-MM-DD'). Lenient like the list pages' queries: a
// malformed value falls back to the default instead of failing a bookmarked dashboard.
import * as z from 'zod';
import { isoDate } from '../../schema/inputs/fields';
import { onFirstUse } from '../../schema/on-first-use';

export const statsQuery = onFirstUse(() =>
  z.object({
    programme: z.uuid().optional().catch(undefined),
    from: isoDate.optional().catch(undefined),
    to: isoDate.optional().catch(undefined),
  }),
);
export type StatsQuery = z.output<typeof statsQuery>;

/** Inclusive calendar days. */
export type Period = { from: string; to: string };

/** What the figures are computed over; unit and officer narrow it for the drill-down pages. */
export type Scope = {
  programmeId: string;
  period: Period;
  /** China's today: problems not yet due and months not yet begun are left out. */
  today: string;
  unitId?: string;
  officerId?: string;
  /** One survey round instead of the programme's rounds opening in the period. */
  campaignId?: string;
};

/** The period asked for, defaulting to the programme's own; a reversed range is put the right way round. */
export function periodOf(q: StatsQuery, programme: { startsOn: string; endsOn: string }): Period {
  const from = q.from ?? programme.startsOn;
  const to = q.to ?? programme.endsOn;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** Epoch ms of 00:00 China time (UTC+8, no daylight saving) on a date: campaigns store instants. */
export const chinaMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

/** The instants [start, end) a period covers. */
export const periodInstants = (p: Period) => ({ start: chinaMidnight(p.from), end: chinaMidnight(p.to) + 86_400_000 });

/** 'YYYY-MM' of every month the period touches, oldest first (at most `max`, the latest ones). */
export function monthsOf(p: Period, max = 36): string[] {
  const months: string[] = [];
  let [y, m] = p.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = p.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months.slice(-max);
}

/** The period cut at today: what can be due, or a month that has begun. */
export const upToToday = (p: Period, today: string): Period => ({ from: p.from, to: p.to < today ? p.to : today });

/** The query string that reproduces a scope's filters on another page. */
export function filterQuery(programmeId: string, period: Period, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ programme: programmeId, from: period.from, to: period.to, ...extra }).toString();
}
