import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Hono } from 'hono';
import type { AppEnv, Db } from '../app-env';
import { auditStatement } from './audit';
import { notFound } from './errors';

type Disableable = SQLiteTable & { id: SQLiteColumn; disabled: SQLiteColumn };

/**
 * POST /:id/disable and /:id/enable for a table with a `disabled` flag. Records are disabled, never
 * deleted, so history (memos, responses) keeps its references. `also` adds statements to the same
 * batch (disabling an officer revokes their sessions at once).
 */
export function toggleRoutes(
  app: Hono<AppEnv>,
  table: Disableable,
  objectType: string,
  back: string,
  also?: (db: Db, id: string) => BatchItem<'sqlite'>[],
) {
  for (const disabled of [true, false]) {
    app.post(`/:id{[0-9a-f-]{36}}/${disabled ? 'disable' : 'enable'}`, async (c) => {
      const db = c.get('db');
      const id = c.req.param('id');
      const found = await db.select({ id: table.id }).from(table).where(eq(table.id, id)).get();
      if (!found) throw notFound();
      await db.batch([
        db
          .update(table)
          .set({ disabled } as never)
          .where(eq(table.id, id)),
        ...(disabled && also ? also(db, id) : []),
        auditStatement(db, c, { action: disabled ? 'disable' : 'enable', objectType, objectId: id }),
      ]);
      return c.redirect(back, 303);
    });
  }
}
