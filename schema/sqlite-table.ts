// drizzle's sqliteTable, built on first use (start-up CPU: building every table's columns, foreign keys
// and indexes at module load was ≈ 4 ms of the isolate's start-up, schema/on-first-use.ts). The
// *tables.ts files import it from here instead of drizzle-orm/sqlite-core and define their tables
// exactly as before; a query that names a table builds that one.
import { sqliteTable as build } from 'drizzle-orm/sqlite-core';
import { onFirstUse } from './on-first-use';

export const sqliteTable = ((...args: Parameters<typeof build>) => onFirstUse(() => build(...args))) as typeof build;
