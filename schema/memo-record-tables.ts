// What a memo keeps after it is saved (issue 22): its edits, append-only, and its visit photos (工作留痕).
import { index, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { memos } from './memo-tables';
import { sqliteTable } from './sqlite-table';
import { users } from './tables';

/** 'edit': the author's change of the text fields (schema/rules/memo-edit.ts); 'correct': the admin's of the fields that decide 三个一. */
export const MEMO_REVISION_KINDS = ['edit', 'correct'] as const;

/** Every change of a saved memo: who, when, the fields' previous and new values. Never updated, never deleted. */
export const memoRevisions = sqliteTable(
  'memo_revisions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    memoId: text()
      .notNull()
      .references(() => memos.id),
    at: integer().notNull(),
    editorId: text()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: MEMO_REVISION_KINDS }).notNull(),
    /** JSON objects of only the fields that changed: { field: value } before and after. */
    before: text().notNull(),
    after: text().notNull(),
    /** The admin's reason for a correction ('' for an author's edit). */
    reason: text().notNull().default(''),
  },
  (t) => [index('memo_revisions_memo_idx').on(t.memoId, t.at)],
);

/**
 * Visit photos in R2 (binding FILES): the object key, derived from the memo id and the stored bytes'
 * SHA-256 (worker/memos/photos.ts), so sending the same photo again names the same object and row.
 */
export const memoPhotos = sqliteTable(
  'memo_photos',
  {
    key: text().primaryKey(),
    memoId: text()
      .notNull()
      .references(() => memos.id),
    position: integer().notNull(),
    contentType: text().notNull(),
    bytes: integer().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex('memo_photos_memo_position_uq').on(t.memoId, t.position)],
);
