// The period every statistics page, export and report is about: calendar days in China time (DESIGN §3:
// dates are 'YYYY-MM-DD'), the programme's own period unless the filters narrow it.
import { type SQL, sql } from 'drizzle-orm';
import type { StatsQuery } from '../../schema/inputs/stats';
import { chinaMidnight, DAY_MS, monthsBetween } from '../../schema/rules/china-time';

/** Inclusive calendar days. */
export type Period = { from: string; to: string };

/** What the figures are computed over; unit and officer narrow it for the drill-down pages. */
export type Scope = {
  programmeId: string;
  period: Period;
  /** China's today: problems not yet due and months not yet begun are left out. */
  today: string;
  /** The instant of the request (default: now): rounds that have not opened yet count in no rate (issue 14). */
  now?: number;
  unitId?: string;
  officerId?: string;
  /**
   * The problems of this unit's officers, whoever leads them: the unit page's rows per officer count an
   * officer's problems as the breakdown by officer does (issue 14: one officer count), while the unit's
   * own figures are the problems it leads (`unitId`).
   */
  officerUnitId?: string;
  /** One survey round instead of the programme's rounds opening in the period. */
  campaignId?: string;
  /** The enterprises of one chain or one region: a leader's scope (issue 19), set from the account only. */
  place?: Place;
};

/** A chain (by its id) or a region (by its name), as a leader's account holds it. */
export type Place = { by: 'chain' | 'region'; key: string };

/**
 * Whether the scope is narrower than the programme. The rollups keep programme-wide figures, one
 * dimension at a time, so a narrowed scope is read from the rows themselves (bounded by the narrowing).
 */
export const narrowed = (s: Scope): boolean => !!(s.unitId || s.officerId || s.officerUnitId || s.place);

/** `AND <col> IN (the place's enterprises)`, or nothing without a place. */
export function inPlace(place: Place | undefined, col: string): SQL {
  if (!place) return sql``;
  const where = place.by === 'chain' ? sql`chain_id = ${place.key}` : sql`region = ${place.key}`;
  return sql`AND ${sql.raw(col)} IN (SELECT id FROM enterprises WHERE ${where})`;
}

/** The period asked for, defaulting to the programme's own; a reversed range is put the right way round. */
export function periodOf(q: StatsQuery, programme: { startsOn: string; endsOn: string }): Period {
  const from = q.from ?? programme.startsOn;
  const to = q.to ?? programme.endsOn;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The instants [start, end) a period covers. */
export const periodInstants = (p: Period) => ({ start: chinaMidnight(p.from), end: chinaMidnight(p.to) + DAY_MS });

/** 'YYYY-MM' of every month the period touches, oldest first (at most `max`, the latest ones). */
export const monthsOf = (p: Period, max = 36): string[] => monthsBetween(p.from, p.to, max);

/** The period cut at today: what can be due, or a month that has begun. */
export const upToToday = (p: Period, today: string): Period => ({ from: p.from, to: p.to < today ? p.to : today });

/** The query string that reproduces a scope's filters on another page. */
export function filterQuery(programmeId: string, period: Period, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ programme: programmeId, from: period.from, to: period.to, ...extra }).toString();
}

/**
 * The period of the same length just before (环比, issue 19): 2026-03-01 … 2026-03-31 (31 days) → 2026-01-29
 * … 2026-02-28. Same length in days rather than "the previous calendar month", so a quarter compares with
 * the 91 days before it and a custom range with its own length.
 */
export function previousPeriod(p: Period): Period {
  const start = Date.parse(`${p.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${p.to}T00:00:00Z`) - start) / DAY_MS) + 1;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(start - days * DAY_MS), to: day(start - DAY_MS) };
}

/**
 * The previous period to compare with (环比), or null when it ends before the programme began: there is
 * nothing to compare with, and zeros would mislead. The work report and the overview's tiles share it.
 */
export function comparedPeriod(p: Period, startsOn: string): Period | null {
  const earlier = previousPeriod(p);
  return earlier.to >= startsOn ? earlier : null;
}
