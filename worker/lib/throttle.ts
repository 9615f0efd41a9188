// Fixed-window counters in D1 for throttling (failed logins, bad link tokens). A window restarts once
// it is older than `windowMs`; the counter row is upserted in one statement so parallel requests count.
import { eq, sql } from 'drizzle-orm';
import { throttles } from '../../schema/tables';
import type { Db } from '../app-env';

export type Limit = { limit: number; windowMs: number };

export async function isThrottled(db: Db, key: string, { limit, windowMs }: Limit, now = Date.now()) {
  const row = await db.select().from(throttles).where(eq(throttles.key, key)).get();
  return !!row && row.windowStart > now - windowMs && row.count >= limit;
}

/** Statement adding one to a key's counter, for callers that put it in their own batch. */
export function countHit(db: Db, key: string, { windowMs }: Limit, now = Date.now()) {
  const stale = sql`${throttles.windowStart} <= ${now - windowMs}`;
  return db
    .insert(throttles)
    .values({ key, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        count: sql`CASE WHEN ${stale} THEN 1 ELSE ${throttles.count} + 1 END`,
        windowStart: sql`CASE WHEN ${stale} THEN ${now} ELSE ${throttles.windowStart} END`,
      },
    });
}

export function clearHits(db: Db, key: string) {
  return db.delete(throttles).where(eq(throttles.key, key));
}
