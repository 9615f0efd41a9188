// Which programme and period a statistics page, export or report is about: the one asked for, else the
// programme running today (else the latest), over the programme's own period unless narrowed.
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
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

// Raw SQL with fixed text: every statistics page starts here, and drizzle's builder for the two
// selects this was cost more than the query. The programme running today is the first running one in
// this order (running implies not disabled, and those come first, latest start first).
const PROGRAMMES = `SELECT id, name, starts_on AS startsOn, ends_on AS endsOn,
  (disabled = 0 AND starts_on <= ?1 AND ends_on >= ?1) AS running
  FROM programmes ORDER BY disabled, starts_on DESC`;

/** Null when no programme exists yet (the page then says so); 404 for an unknown programme id. */
export async function resolveFilters(db: Db, q: StatsQuery, today = chinaToday()): Promise<Filters | null> {
  const { results: all } = await d1Of(db).prepare(PROGRAMMES).bind(today).all<ProgrammeRef & { running: 0 | 1 }>();
  const found = q.programme ? all.find((p) => p.id === q.programme) : (all.find((p) => p.running) ?? all[0]);
  if (q.programme && !found) throw notFound();
  if (!found) return null;
  const programme: ProgrammeRef = { id: found.id, name: found.name, startsOn: found.startsOn, endsOn: found.endsOn };
  return { programme, programmes: all.map((p) => ({ id: p.id, name: p.name })), period: periodOf(q, programme), today };
}

export const scopeFrom = (f: Filters, narrow: Partial<Pick<Scope, 'unitId' | 'officerId' | 'campaignId'>> = {}): Scope => ({
  programmeId: f.programme.id,
  period: f.period,
  today: f.today,
  ...narrow,
});
