import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Hono } from 'hono';
import type { MessageKey } from '../../web/i18n';
import { ConfirmPage } from '../../web/pages/admin/confirm';
import type { AppEnv, Db } from '../app-env';
import { auditStatement } from './audit';
import { notFound } from './errors';
import { setFlash } from './flash';
import { render } from './render';

type Disableable = SQLiteTable & { id: SQLiteColumn; name: SQLiteColumn; disabled: SQLiteColumn };

export type Toggle = {
  objectType: string;
  back: string;
  /** What disabling does to this kind of record, said on the confirmation page (issue 17). */
  effect: MessageKey;
  /** Statements for the same batch when disabling (disabling an officer revokes their sessions at once). */
  also?: (db: Db, id: string) => BatchItem<'sqlite'>[];
};

const ID = '/:id{[0-9a-f-]{36}}';

/**
 * POST /:id/disable and /:id/enable for a table with a `disabled` flag, and GET /:id/disable, the step
 * that says what 停用 will do before it is done. Records are disabled, never deleted, so history
 * (memos, responses) keeps its references.
 */
export function toggleRoutes(app: Hono<AppEnv>, table: Disableable, { objectType, back, effect, also }: Toggle) {
  const find = (db: Db, id: string) =>
    db.select({ id: table.id, name: table.name }).from(table).where(eq(table.id, id)).get() as Promise<
      { id: string; name: string } | undefined
    >;

  app.get(`${ID}/disable`, async (c) => {
    const t = c.get('t');
    const found = await find(c.get('db'), c.req.param('id'));
    if (!found) throw notFound();
    return render(
      c,
      <ConfirmPage
        title={t('confirm.disableTitle', { name: found.name })}
        effects={[t(effect), t('confirm.disableUndo')]}
        action={`${c.req.path}`}
        confirmLabel={t('action.disable')}
        back={back}
      />,
    );
  });

  for (const disabled of [true, false]) {
    app.post(`${ID}/${disabled ? 'disable' : 'enable'}`, async (c) => {
      const db = c.get('db');
      const id = c.req.param('id');
      const found = await find(db, id);
      if (!found) throw notFound();
      await db.batch([
        db
          .update(table)
          .set({ disabled } as never)
          .where(eq(table.id, id)),
        ...(disabled && also ? also(db, id) : []),
        auditStatement(db, c, { action: disabled ? 'disable' : 'enable', objectType, objectId: id }),
      ]);
      setFlash(c, disabled ? 'flash.disabled' : 'flash.enabled', { name: found.name });
      return c.redirect(back, 303);
    });
  }
}
