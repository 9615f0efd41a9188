// The audit trail's daily anchors (worker/audit/anchor.ts): one row per China-time day holding the hash
// of the last audit row written that day, once it is chained. An office can print or publish it; anyone
// holding a copy can later check that the chain up to that row was not rewritten (npm run audit:verify).
import { integer, text } from 'drizzle-orm/sqlite-core';
import { sqliteTable } from './sqlite-table';

export const auditAnchors = sqliteTable('audit_anchors', {
  /** 'YYYY-MM-DD' in China time. */
  day: text().primaryKey(),
  /** The last audit_log row with `at` on that day (or before it, on a day without rows). */
  lastId: integer().notNull(),
  hash: text().notNull(),
  createdAt: integer().notNull(),
});
