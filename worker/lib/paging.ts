import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../app-env';

export const PAGE_SIZE = 20;

export type PageOf<R> = { rows: R[]; total: number; page: number; hasNext: boolean };

/** `LIKE %q%` with the wildcards in q escaped, so a search for "100%" means the text "100%". */
export function contains(column: SQLiteColumn, q: string): SQL {
  const escaped = q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return sql`${column} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}

/** Runs a page query (LIMIT/OFFSET on an indexed order) and its count in one D1 round trip. */
export async function pageOf<R>(
  db: Db,
  page: number,
  rowsQuery: (limit: number, offset: number) => BatchItem<'sqlite'>,
  countFrom: SQLiteTable,
  where: SQL | undefined,
): Promise<PageOf<R>> {
  const offset = (page - 1) * PAGE_SIZE;
  const count = db.select({ n: sql<number>`count(*)` }).from(countFrom).where(where);
  const [rows, [counted]] = (await db.batch([rowsQuery(PAGE_SIZE, offset), count])) as unknown as [R[], { n: number }[]];
  const total = counted?.n ?? 0;
  return { rows, total, page, hasNext: offset + rows.length < total };
}
