// Visit photos (issue 22): served only to those who may see the memo's enterprise, and added to a saved
// memo by its author within the edit window (schema/rules/memo-edit.ts) — e.g. to a memo that was sent
// from the offline queue, whose photos could not wait in the browser.
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { memoPhotos } from '../../schema/memo-record-tables';
import type { AppEnv } from '../app-env';
import { canSeeEnterprise } from '../auth/access';
import { audit, auditStatement } from '../lib/audit';
import { AppError, forbidden, notFound } from '../lib/errors';
import { readForm } from '../lib/validate';
import { editableMemo, runMemoBatch } from './memo-access';
import type { Statements } from './memo-write';
import { readMemo } from './memos.queries';
import { checkPhotos, PHOTO_PREFIX, photoStatements, photosOf, postedPhotos, putPhotos } from './photos';

export const photoRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

photoRoutes.get(`${ID}/photos/:file{[0-9a-f]{64}\\.(?:jpg|png|webp)}`, async (c) => {
  const db = c.get('db');
  const user = c.get('user');
  if (!user) throw forbidden();
  const memoId = c.req.param('id');
  const key = `${PHOTO_PREFIX}${memoId}/${c.req.param('file')}`;
  const row = await db.select().from(memoPhotos).where(eq(memoPhotos.key, key)).get();
  const memo = row ? await readMemo(db, memoId) : undefined;
  if (!row || !memo) throw notFound();
  if (!(await canSeeEnterprise(db, user, memo.enterpriseId))) {
    await audit(c, { action: 'not_visible', objectType: 'memo_photo', objectId: key });
    throw notFound();
  }
  const object = await c.env.FILES.get(key);
  if (!object) throw notFound();
  // The type recorded from the bytes at upload (JPEG, PNG or WebP only), never the object's or the name's.
  return new Response(object.body, {
    headers: {
      'Content-Type': row.contentType,
      'Content-Length': String(object.size),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Disposition': `inline; filename="photo-${row.position + 1}.${key.split('.').pop()}"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
});

photoRoutes.post(`${ID}/photos`, async (c) => {
  const db = c.get('db');
  const memo = await editableMemo(c, 'add_photos');
  await readForm(c); // the strict body checks (UTF-8 text parts, no NUL)
  const stored = await photosOf(db, memo.id);
  const checked = await checkPhotos(await postedPhotos(c), memo.id, stored, c.get('t'));
  if ('error' in checked) throw new AppError(422, 'invalid_photos', 'photo.err.refused', { photos: checked.error });
  if (checked.uploads.length > 0) {
    await putPhotos(c.env, memo.id, checked.uploads);
    const now = Date.now();
    const statements: Statements = [
      auditStatement(
        db,
        c,
        { action: 'memo_photos', objectType: 'memo', objectId: memo.id, detail: { added: checked.uploads.length } },
        now,
      ),
      ...photoStatements(db, memo.id, checked.uploads, stored, now),
    ];
    await runMemoBatch(c, statements);
  }
  return c.redirect(`/memos/${memo.id}`, 303);
});
