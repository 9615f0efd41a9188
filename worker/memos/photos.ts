// Visit photos (工作留痕, issue 22) in R2 (binding FILES). Every file is checked whole before any is
// stored: its kind by its bytes, its size, the memo's count (schema/rules/photos.ts); its metadata is
// stripped (photo-bytes.ts). The object key is the memo id and the SHA-256 of the stored bytes, so the
// same photo sent again (a retry, a resent draft) names the same object and the same memo_photos row.
// Objects are written before the batch that records them; one whose batch failed is an orphan, removed
// by the daily run after a day (orphanPhotosJob).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import { memoPhotos } from '../../schema/memo-record-tables';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_EXTENSIONS, type PhotoType } from '../../schema/rules/photos';
import type { Translate } from '../../web/i18n';
import type { AppEnv, Db } from '../app-env';
import type { DailyJob } from '../daily/jobs';
import { chunks } from '../lib/db';
import type { Statement } from './memo-write';
import { sniffPhoto, stripMetadata } from './photo-bytes';

export const PHOTO_PREFIX = 'memo-photos/';
/** An upload older than this and recorded by no memo is an orphan. */
const ORPHAN_AGE_MS = 86_400_000;

export type PhotoUpload = { key: string; type: PhotoType; bytes: Uint8Array };
export type StoredPhoto = { key: string; position: number; contentType: string };

/** The files posted as `photos` (a multipart form's file parts; an empty file input posts one of size 0). */
export async function postedPhotos(c: Context<AppEnv>): Promise<File[]> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) return [];
  const raw = (await c.req.parseBody({ all: true })).photos; // parsed once already by readForm: cached
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.filter((f): f is File => typeof f !== 'string' && f.size > 0);
}

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The uploads to store for a memo that already holds `stored`, or the field error that refuses them all:
 * not a JPEG, PNG or WebP by its bytes, over 5 MB, or more than 6 photos in the memo.
 */
export async function checkPhotos(
  files: File[],
  memoId: string,
  stored: StoredPhoto[],
  t: Translate,
): Promise<{ uploads: PhotoUpload[] } | { error: string }> {
  if (files.length > MAX_PHOTOS) return { error: t('photo.err.tooMany', { n: MAX_PHOTOS }) };
  const uploads: PhotoUpload[] = [];
  const keys = new Set(stored.map((p) => p.key));
  for (const file of files) {
    if (file.size > MAX_PHOTO_BYTES) return { error: t('photo.err.tooLarge', { name: file.name }) };
    const original = new Uint8Array(await file.arrayBuffer());
    const type = sniffPhoto(original);
    if (!type) return { error: t('photo.err.type', { name: file.name }) };
    const bytes = stripMetadata(type, original);
    if (!bytes) return { error: t('photo.err.broken', { name: file.name }) };
    const key = `${PHOTO_PREFIX}${memoId}/${hex(await crypto.subtle.digest('SHA-256', bytes as BufferSource))}.${PHOTO_EXTENSIONS[type]}`;
    if (keys.has(key)) continue; // sent before: idempotent by key
    keys.add(key);
    uploads.push({ key, type, bytes });
  }
  if (stored.length + uploads.length > MAX_PHOTOS) return { error: t('photo.err.tooMany', { n: MAX_PHOTOS }) };
  return { uploads };
}

/** Writes the objects (a repeat overwrites the same bytes under the same key). */
export async function putPhotos(env: Env, memoId: string, uploads: PhotoUpload[]): Promise<void> {
  await Promise.all(
    uploads.map((u) => env.FILES.put(u.key, u.bytes, { httpMetadata: { contentType: u.type }, customMetadata: { memoId } })),
  );
}

/** The memo_photos rows, for the memo's batch; positions follow those already stored. */
export function photoStatements(db: Db, memoId: string, uploads: PhotoUpload[], stored: StoredPhoto[], now: number): Statement[] {
  const first = stored.reduce((n, p) => Math.max(n, p.position + 1), 0);
  const rows = uploads.map((u, i) => ({
    key: u.key,
    memoId,
    position: first + i,
    contentType: u.type,
    bytes: u.bytes.length,
    createdAt: now,
  }));
  return chunks(rows, 16).map((chunk) => db.insert(memoPhotos).values(chunk).onConflictDoNothing({ target: memoPhotos.key }));
}

export const photosOf = (db: Db, memoId: string): Promise<StoredPhoto[]> =>
  db
    .select({ key: memoPhotos.key, position: memoPhotos.position, contentType: memoPhotos.contentType })
    .from(memoPhotos)
    .where(eq(memoPhotos.memoId, memoId))
    .orderBy(asc(memoPhotos.position))
    .all();

/** The photo's address in the app: /memos/:memoId/photos/:hash.ext (the key's last part). */
export function photoUrl(key: string): string {
  const [memoId, file] = key.slice(PHOTO_PREFIX.length).split('/');
  return `/memos/${memoId}/photos/${file}`;
}

/**
 * The daily run's sweep of orphaned uploads: objects under memo-photos/ older than a day that no
 * memo_photos row records (their memo's batch failed, or was never sent). A page is one R2 list of up to
 * 500 keys and one lookup per 100; the cursor carries over pages, and an unfinished sweep resumes next day.
 */
export const orphanPhotosJob: DailyJob = {
  name: 'orphan-photos',
  async run({ db, env, now, maxPages }) {
    let cursor: string | undefined;
    let deleted = 0;
    for (let page = 0; page < maxPages; page++) {
      const listed = await env.FILES.list({ prefix: PHOTO_PREFIX, limit: 500, cursor });
      const old = listed.objects.filter((o) => o.uploaded.getTime() < now - ORPHAN_AGE_MS).map((o) => o.key);
      const known = new Set<string>();
      for (const keys of chunks(old, 100)) {
        const rows = await db.select({ key: memoPhotos.key }).from(memoPhotos).where(inArray(memoPhotos.key, keys)).all();
        for (const r of rows) known.add(r.key);
      }
      const orphans = old.filter((k) => !known.has(k));
      if (orphans.length > 0) await env.FILES.delete(orphans);
      deleted += orphans.length;
      if (!listed.truncated) break;
      cursor = listed.cursor;
    }
    return { detail: `deleted ${deleted} orphaned photo uploads` };
  },
};
