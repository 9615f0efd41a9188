import { drizzle } from 'drizzle-orm/d1';
import type { Db } from '../app-env';

// The one place the drizzle client is built; the casing matches drizzle.config.ts.
export function createDb(d1: D1Database): Db {
  return drizzle(d1, { casing: 'snake_case' });
}

/**
 * The D1 binding under the drizzle client (drizzle() sets $client; the shared Db type omits it), for the
 * hot paths written as raw SQL with fixed text (session lookup, survey link, submission batch, stats).
 */
export const d1Of = (db: Db): D1Database => (db as Db & { $client: D1Database }).$client;

/** SQLite's UNIQUE failure, as D1 reports it. Such errors are the caller's fault and never retried. */
/** Rows in runs of `size`: one multi-row INSERT each, under D1's 100 bound parameters a statement. */
export const chunks = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

export function isUniqueViolation(err: unknown): boolean {
  const msg = errorText(err);
  return /UNIQUE constraint failed/i.test(msg);
}

export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // drizzle wraps the driver error: "Failed query: …" with the D1 error as `cause`.
  return `${err.message} ${err.cause instanceof Error ? err.cause.message : ''}`;
}

/**
 * A drizzle query as a D1 statement, for batches that mix it with fixed-text SQL: drizzle's own batch
 * cannot bind a `db.run(sql…)` with parameters (drizzle-orm 0.45), so such batches go to D1 directly.
 */
export function d1Statement(db: Db, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return d1Of(db)
    .prepare(sql)
    .bind(...params);
}
