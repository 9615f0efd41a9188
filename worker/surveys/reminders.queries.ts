// The daily response chart of a round (issue 17): answers and reminders per China day, so the office
// sees whether reminding works. Fixed-text SQL over invitations_campaign_submitted_idx and
// reminders_campaign_invitation_idx: one row per answer or reminder of the round, grouped by day.
import { sql } from 'drizzle-orm';
import { addDays, CHINA_OFFSET_MS, chinaDate, chinaDayDate, DAY_MS } from '../../schema/rules/china-time';
import type { Db } from '../app-env';

export type DayRow = { day: string; submitted: number; reminded: number };

/** Every day from the round's opening to today or its close (whichever is first), gaps as zeros. */
export async function dailyResponses(db: Db, round: { id: string; opensAt: number; closesAt: number }, now: number): Promise<DayRow[]> {
  // The constants are part of the text: bound, D1 passes numbers as REAL and the division would not be whole days.
  const day = (col: string) => sql.raw(`(${col} + ${CHINA_OFFSET_MS}) / ${DAY_MS}`);
  const rows = await db.all<{ d: number; submitted: number; reminded: number }>(sql`
    SELECT d, sum(s) AS submitted, sum(r) AS reminded FROM (
      SELECT ${day('submitted_at')} AS d, 1 AS s, 0 AS r FROM invitations WHERE campaign_id = ${round.id} AND submitted_at IS NOT NULL
      UNION ALL
      SELECT ${day('at')}, 0, 1 FROM reminders WHERE campaign_id = ${round.id}
    ) GROUP BY d ORDER BY d`);
  const byDay = new Map(rows.map((r) => [chinaDayDate(r.d), r]));
  const first = [chinaDate(round.opensAt), ...byDay.keys()].sort()[0] as string;
  const last = [chinaDate(Math.min(now, round.closesAt)), ...byDay.keys()].sort().at(-1) as string;
  const out: DayRow[] = [];
  for (let day = first; day <= last && out.length < 400; day = addDays(day, 1)) {
    const r = byDay.get(day);
    out.push({ day, submitted: r?.submitted ?? 0, reminded: r?.reminded ?? 0 });
  }
  return out;
}
