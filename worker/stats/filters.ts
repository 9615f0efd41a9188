// Which programme and period a statistics page, export or report is about: the one asked for, else the
// programme running today (else the latest), over the programme's own period unless narrowed.

import type { StatsQuery } from '../../schema/inputs/stats';
import { chinaToday } from '../../schema/rules/china-time';
import { currentOf, type ProgrammeRef, programmesByCurrency } from '../admin/programmes.queries';
import type { Db } from '../app-env';
import { notFound } from '../lib/errors';
import { type Period, periodOf, type Scope } from './period';

export type Filters = {
  programme: ProgrammeRef;
  /** For the filter form's select. */
  programmes: { id: string; name: string }[];
  period: Period;
  today: string;
  now: number;
};

/**
 * The programme asked for, else the current one (admin/programmes.queries.ts), else the latest
 * disabled one, since figures of a finished action stay readable. Null when no programme exists yet
 * (the page then says so); 404 for an unknown programme id.
 */
export async function resolveFilters(db: Db, q: StatsQuery, today = chinaToday(), now = Date.now()): Promise<Filters | null> {
  const all = await programmesByCurrency(db, today);
  const asked = q.programme ? all.find((p) => p.id === q.programme) : undefined;
  if (q.programme && !asked) throw notFound();
  const programme = asked ? currentOf([asked], true) : currentOf(all, true);
  if (!programme) return null;
  return { programme, programmes: all.map((p) => ({ id: p.id, name: p.name })), period: periodOf(q, programme), today, now };
}

export const scopeFrom = (f: Filters, narrow: Partial<Pick<Scope, 'unitId' | 'officerId' | 'campaignId'>> = {}): Scope => ({
  programmeId: f.programme.id,
  period: f.period,
  today: f.today,
  now: f.now,
  ...narrow,
});
