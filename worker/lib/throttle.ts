// Fixed-window counters in D1 (failed logins, bad link tokens). Count first, then compare (issue 13):
// one upsert adds the hit and returns the window's count with it, so N parallel requests see N distinct
// counts and at most `limit` of them are let through. Reading the counter and writing it later let 400
// parallel logins check 50 passwords against a limit of 20. A window starts at its first hit and
// restarts at the first hit after `windowMs`. Raw SQL with fixed text: this runs on every sign-in and
// bad link.
import type { Db } from '../app-env';
import { d1Of } from './db';

export type Limit = { limit: number; windowMs: number };

// ?1 key, ?2 now, ?3 windowMs: a window older than windowMs starts over at this hit.
const UPSERT = `ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE count + 1 END,
    window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END
  RETURNING count`;
const HIT = `INSERT INTO throttles (key, count, window_start) VALUES (?1, 1, ?2) ${UPSERT}`;
/** ?4 JSON [[key, windowMs, limit], …]: counters that must all be within their limits for this one to count. */
const HIT_IF_UNDER = `INSERT INTO throttles (key, count, window_start) SELECT ?1, 1, ?2
  WHERE NOT EXISTS (SELECT 1 FROM json_each(?4) g JOIN throttles t ON t.key = g.value ->> '$[0]'
    WHERE t.window_start > ?2 - (g.value ->> '$[1]') AND t.count > (g.value ->> '$[2]')) ${UPSERT}`;
const REFUND = 'UPDATE throttles SET count = count - 1 WHERE key = ?1 AND count > 0';

/** A statement adding one hit to `name`'s window and returning the count, this hit included. */
export function hitStatement(db: Db, name: string, { windowMs }: Limit, now: number): D1PreparedStatement {
  return d1Of(db).prepare(HIT).bind(name, now, windowMs);
}

export type Counter = { name: string; limit: Limit };

/**
 * A hit that counts only while the counters hit before it in the same batch are within their limits: a
 * request refused by one leaves the next alone (failures on one account do not use up the budget of
 * the address they come from). Returns no row when it did not count.
 */
export function hitIfUnderStatement(db: Db, { name, limit }: Counter, gates: Counter[], now: number) {
  const json = JSON.stringify(gates.map((g) => [g.name, g.limit.windowMs, g.limit.limit]));
  return d1Of(db).prepare(HIT_IF_UNDER).bind(name, now, limit.windowMs, json);
}

/** Counts one hit and returns the window's count, this hit included. */
export async function hit(db: Db, name: string, limit: Limit, now = Date.now()): Promise<number> {
  const row = await hitStatement(db, name, limit, now).first<{ count: number }>();
  return row?.count ?? 0;
}

/** Gives back a hit that turned out not to be a failure (the right password). */
export function refundStatement(db: Db, name: string): D1PreparedStatement {
  return d1Of(db).prepare(REFUND).bind(name);
}

/** The count a statement's RETURNING gave, or null when the hit did not count. */
export const countOf = (result: D1Result | undefined): number | null =>
  (result?.results[0] as { count: number } | undefined)?.count ?? null;
