// Analytics SQL (CTEs, window functions, GROUP BY over expressions) is written as drizzle `sql`
// templates — columns still come from the table objects — and run as plain D1 statements: drizzle's
// D1 batch cannot carry a raw query with bound parameters, and one round trip per page matters more
// here than anywhere else (DESIGN §8: dashboards ≤ 5 ms).
import type { SQL } from 'drizzle-orm';
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
import { toQuery } from './sql-text';

export { toQuery };

export function prepare(db: Db, query: SQL): D1PreparedStatement {
  const { sql, params } = toQuery(query);
  return d1Of(db)
    .prepare(sql)
    .bind(...params);
}

/** Runs read-only queries in one round trip; rows are keyed by column alias. */
export async function readAll<T extends unknown[]>(db: Db, queries: { [K in keyof T]: SQL }): Promise<{ [K in keyof T]: T[K][] }> {
  const results = await d1Of(db).batch(queries.map((q) => prepare(db, q)));
  return results.map((r) => r.results) as { [K in keyof T]: T[K][] };
}
