// Which programme and period a statistics page, export or report is about: the one asked for, else the
// programme running today (else the latest), over the programme's own period unless narrowed.
import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import { programmes } from '../../schema/tables';
import type { Db } from '../app-env';
import { notFound } from '../lib/errors';
import { chinaToday } from '../memos/three-ones';
import { type Period, periodOf, type Scope, type StatsQuery } from './period';

export type ProgrammeRef = { id: string; name: string; startsOn: string; endsOn: string };

export type Filters = {
  programme: ProgrammeRef;
  /** For the filter form's select. */
  programmes: { id: string; name: string }[];
  period: Period;
  today: string;
};

const columns = { id: programmes.id, name: programmes.name, startsOn: programmes.startsOn, endsOn: programmes.endsOn };

/** Null when no programme exists yet (the page then says so); 404 for an unknown programme id. */
export async function resolveFilters(db: Db, q: StatsQuery, today = chinaToday()): Promise<Filters | null> {
  const [all, running] = await db.batch([
    db.select(columns).from(programmes).orderBy(asc(programmes.disabled), desc(programmes.startsOn)),
    db
      .select(columns)
      .from(programmes)
      .where(and(eq(programmes.disabled, false), lte(programmes.startsOn, today), gte(programmes.endsOn, today)))
      .orderBy(desc(programmes.startsOn))
      .limit(1),
  ]);
  const programme = q.programme ? all.find((p) => p.id === q.programme) : (running[0] ?? all[0]);
  if (q.programme && !programme) throw notFound();
  if (!programme) return null;
  return { programme, programmes: all.map((p) => ({ id: p.id, name: p.name })), period: periodOf(q, programme), today };
}

export const scopeFrom = (f: Filters, narrow: Partial<Pick<Scope, 'unitId' | 'officerId' | 'campaignId'>> = {}): Scope => ({
  programmeId: f.programme.id,
  period: f.period,
  today: f.today,
  ...narrow,
});
