// Fixed-window counters in D1 (failed logins, bad link tokens, repeated refusals). Count first, then
// compare (issue 13): one upsert adds the hit and returns the window's count with it, so N parallel
// requests see N distinct counts and at most `limit` of them are let through. Reading the counter and
// writing it later let 400 parallel logins check 50 passwords against a limit of 20.
//
// Windows are aligned on multiples of `windowMs`, and each window is its own row (`name@start`): a
// window's count is never reset in place, so it can still be read after the next window opened (the
// audit view shows how many refusals a row stands for). The daily run deletes windows older than a day
// (worker/daily/housekeeping.ts). Raw SQL with fixed text: this runs on every sign-in and bad link.
import type { Db } from '../app-env';
import { d1Of } from './db';

export type Limit = { limit: number; windowMs: number };

/** The row of `name`'s counter for the window holding `now`. */
export function windowOf(name: string, { windowMs }: Limit, now: number) {
  const start = now - (now % windowMs);
  return { key: `${name}@${start}`, start };
}

const HIT = `INSERT INTO throttles (key, count, window_start) VALUES (?1, 1, ?2)
  ON CONFLICT (key) DO UPDATE SET count = count + 1 RETURNING count`;
/** ?3 the key of a counter that must be at most ?4 for this one to count (the hit before it in a batch). */
const HIT_IF_UNDER = `INSERT INTO throttles (key, count, window_start) SELECT ?1, 1, ?2
  WHERE coalesce((SELECT count FROM throttles WHERE key = ?3), 0) <= ?4
  ON CONFLICT (key) DO UPDATE SET count = count + 1 RETURNING count`;
const REFUND = 'UPDATE throttles SET count = count - 1 WHERE key = ?1 AND count > 0';

/** A statement adding one hit to `name`'s window and returning the count, this hit included. */
export function hitStatement(db: Db, name: string, limit: Limit, now: number): D1PreparedStatement {
  const { key, start } = windowOf(name, limit, now);
  return d1Of(db).prepare(HIT).bind(key, start);
}

/**
 * A hit that counts only while another counter (hit earlier in the same batch) is within its limit:
 * a request refused by the first counter leaves the second alone (failures on one account do not use
 * up the budget of the address they come from). Returns no row when it did not count.
 */
export function hitIfUnderStatement(db: Db, name: string, limit: Limit, gate: { name: string; limit: Limit }, now: number) {
  const { key, start } = windowOf(name, limit, now);
  return d1Of(db)
    .prepare(HIT_IF_UNDER)
    .bind(key, start, windowOf(gate.name, gate.limit, now).key, gate.limit.limit);
}

/** Counts one hit and returns the window's count, this hit included. */
export async function hit(db: Db, name: string, limit: Limit, now = Date.now()): Promise<number> {
  const row = await hitStatement(db, name, limit, now).first<{ count: number }>();
  return row?.count ?? 0;
}

/** Gives back a hit that turned out not to be a failure (the right password). */
export function refundStatement(db: Db, name: string, limit: Limit, now: number): D1PreparedStatement {
  return d1Of(db)
    .prepare(REFUND)
    .bind(windowOf(name, limit, now).key);
}

/** The count a statement's RETURNING gave, or null when the hit did not count. */
export const countOf = (result: D1Result | undefined): number | null =>
  (result?.results[0] as { count: number } | undefined)?.count ?? null;
