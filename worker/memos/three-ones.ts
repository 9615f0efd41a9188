// The calendar of 三个一's months (DESIGN §1, §6); the rule itself is schema/rules/three-ones.ts.

/** The programme's calendar is China's (UTC+8, no daylight saving): a visit at 07:00 is on that day. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM' of a 'YYYY-MM-DD' date. */
export const monthOf = (date: string) => date.slice(0, 7);

/**
 * The half-open range [from, to) of a month as dates, for index-friendly `>= from AND < to` on the
 * text date columns (a LIKE 'YYYY-MM-%' would not use the (enterprise, visit_date) index as well).
 */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}
