// drizzle `sql` templates rendered to SQL text and parameters with the drizzle client's casing
// (worker/lib/db.ts: camelCase keys render as snake_case). Apart from sql.ts so Node code (the bench)
// can render the app's SQL without the Worker's D1 types.
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';

const dialect = new SQLiteAsyncDialect({ casing: 'snake_case' });

/** The SQL text and parameters of a template (the D1 statement's, a query plan's, the bench's). */
export const toQuery = (query: SQL) => dialect.sqlToQuery(query);
