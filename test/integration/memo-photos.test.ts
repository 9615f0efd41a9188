// Visit photos (工作留痕, issue 22): stored in R2 with their metadata stripped, recorded in the memo's batch,
// served only to those who may see the enterprise, refused whole when one is bad, idempotent by key, and
// orphans swept by the daily run.
import { env } from 'cloudflare:workers';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memoPhotos } from '../../schema/memo-record-tables';
import { createApp } from '../../worker/app';
import { createDb } from '../../worker/lib/db';
import { orphanPhotosJob, PHOTO_PREFIX } from '../../worker/memos/photos';
import { call, countRows, db, ORIGIN, pair, signedIn } from '../fixtures';
import { handlerOf, makeUnit, memoForm, memoRow, pairedOfficer, problemRow, theProgramme } from '../fixtures/memos';
import { containsText, jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../fixtures/photos';

type Upload = { name: string; bytes: Uint8Array; type?: string };

function multipart(fields: Record<string, string | string[]>, files: Upload[]): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  for (const f of files) data.append('photos', new File([f.bytes as BlobPart], f.name, { type: f.type ?? 'image/jpeg' }));
  return data;
}

const postMultipart = (path: string, cookie: string, body: FormData) => call(path, { method: 'POST', body, cookie });
const objectsOf = async (memoId: string) =>
  (await env.FILES.list({ prefix: `${PHOTO_PREFIX}${memoId}/` })).objects.map((o) => o.key).sort();
const rowsOf = (memoId: string) => db().select().from(memoPhotos).where(eq(memoPhotos.memoId, memoId)).orderBy(memoPhotos.position).all();
const photoLinks = (html: string) =>
  [...html.matchAll(/<img src="(\/memos\/[0-9a-f-]{36}\/photos\/[0-9a-f]{64}\.\w+)"/g)].map((m) => m[1] as string);

async function memoWithPhotos(files: Upload[]) {
  const officer = await pairedOfficer();
  const form = memoForm(officer.enterprise.id);
  const res = await postMultipart('/memos', officer.cookie, multipart(form, files));
  return { ...officer, memoId: String(form.id), res };
}

describe('a memo with photos', () => {
  it('stores a multipart memo whose file input was left empty (a browser posts it as an empty part)', async () => {
    const officer = await pairedOfficer();
    const form = memoForm(officer.enterprise.id, [problemRow({ category: 'land' }), problemRow({ onSpot: 'on' })]);
    const body = multipart(form, []);
    body.append('photos', new File([], '', { type: 'application/octet-stream' }));
    expect((await postMultipart('/memos', officer.cookie, body)).status).toBe(303);
    expect(await memoRow(String(form.id))).toBeDefined();
    expect(await rowsOf(String(form.id))).toEqual([]);
  });

  it('stores each photo once in R2 without its metadata, records the keys in the memo batch, and shows them', async () => {
    const { res, memoId, cookie, enterprise } = await memoWithPhotos([
      { name: 'IMG_0001.JPG', bytes: jpegWithMetadata('GPS-N31.2304-E121.4737') },
      { name: 'scan.png', bytes: pngWithMetadata('GPS-PNG-SECRET'), type: 'image/png' },
    ]);
    expect(res.status).toBe(303);
    expect(await memoRow(memoId)).toBeDefined();
    const rows = await rowsOf(memoId);
    expect(rows.map((r) => [r.position, r.contentType])).toEqual([
      [0, 'image/jpeg'],
      [1, 'image/png'],
    ]);
    expect(await objectsOf(memoId)).toEqual(rows.map((r) => r.key).sort());
    for (const row of rows) {
      const object = await env.FILES.get(row.key);
      const stored = new Uint8Array(await (object as R2ObjectBody).arrayBuffer());
      expect(stored.length).toBe(row.bytes);
      for (const gone of ['GPS-N31.2304-E121.4737', 'GPS-PNG-SECRET', 'Exif', 'xmpmeta'])
        expect(containsText(stored, gone), gone).toBe(false);
    }
    const page = await (await call(`/memos/${memoId}`, { cookie })).text();
    const links = photoLinks(page);
    expect(links).toHaveLength(2);
    const file = await (await call(`/enterprises/${enterprise.id}`, { cookie })).text();
    expect(photoLinks(file)).toEqual(links);
    const photo = await call(links[0] as string, { cookie });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.headers.get('cache-control')).toBe('no-store');
    expect(photo.headers.get('content-disposition')).toBe('inline; filename="photo-1.jpg"');
    expect(containsText(new Uint8Array(await photo.arrayBuffer()), 'GPS-N31')).toBe(false);
    expect((await call(links[1] as string, { cookie })).headers.get('content-type')).toBe('image/png');
  });

  it('is served only to those who may see the enterprise: another officer and a handler get 404', async () => {
    const { memoId, enterprise } = await memoWithPhotos([{ name: 'a.webp', bytes: webpWithMetadata(), type: 'image/webp' }]);
    const [row] = await rowsOf(memoId);
    const url = `/memos/${memoId}/photos/${row?.key.split('/').pop()}`;
    const stranger = await signedIn('officer');
    const handler = await handlerOf((await makeUnit()).id);
    expect((await call(url, { cookie: stranger.cookie })).status).toBe(404);
    expect((await call(url, { cookie: handler.cookie })).status).toBe(404);
    const colleague = await signedIn('officer');
    await pair((await theProgramme()).id, colleague.user.id, enterprise.id, false);
    expect((await call(url, { cookie: colleague.cookie })).status).toBe(200);
    expect((await call(url, { cookie: (await signedIn('admin')).cookie })).headers.get('content-type')).toBe('image/webp');
    // Signed out: the login page, never the image.
    expect((await call(url)).status).toBe(303);
    // A key that is not recorded (even if an object existed) is 404.
    await env.FILES.put(`${PHOTO_PREFIX}${memoId}/${'0'.repeat(64)}.jpg`, '<svg/>');
    expect((await call(`/memos/${memoId}/photos/${'0'.repeat(64)}.jpg`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await call(`/memos/${memoId}/photos/${'0'.repeat(64)}.svg`, { cookie: (await signedIn('admin')).cookie })).status).toBe(404);
  });
});

describe('bad photos: 422, and neither the memo nor any object nor any row is stored', () => {
  const cases: [string, Upload[]][] = [
    ['HTML bytes named .jpg', [{ name: 'photo.jpg', bytes: new TextEncoder().encode('<!doctype html><script>alert(1)</script>') }]],
    ['an SVG', [{ name: 'x.jpg', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), type: 'image/svg+xml' }]],
    ['a broken JPEG', [{ name: 'cut.jpg', bytes: jpegWithMetadata().subarray(0, 40) }]],
    [
      'over 5 MB',
      [
        {
          name: 'big.jpg',
          bytes: (() => {
            const b = new Uint8Array(5 * 1024 * 1024 + 1);
            b.set(jpegWithMetadata());
            return b;
          })(),
        },
      ],
    ],
    ['seven photos', Array.from({ length: 7 }, (_, i) => ({ name: `p${i}.jpg`, bytes: jpegWithMetadata('x', i) }))],
    [
      'one good, one bad',
      [
        { name: 'ok.jpg', bytes: jpegWithMetadata() },
        { name: 'bad.jpg', bytes: new Uint8Array([1, 2, 3]) },
      ],
    ],
  ];
  for (const [label, files] of cases) {
    it(label, async () => {
      const before = { memos: await countRows('memos'), photos: await countRows('memo_photos') };
      const { res, memoId } = await memoWithPhotos(files);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toMatch(/id="e-photos"[^>]*>[^<]+/);
      expect(html).toContain('生产经营正常'); // the memo's text is kept for the next try
      expect(await memoRow(memoId)).toBeUndefined();
      expect(await objectsOf(memoId)).toEqual([]);
      expect({ memos: await countRows('memos'), photos: await countRows('memo_photos') }).toEqual(before);
    });
  }

  it('refuses a 7th photo added to a memo that has six', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.jpg`, bytes: jpegWithMetadata('x', i) }));
    const { res, memoId, cookie } = await memoWithPhotos(six);
    expect(res.status).toBe(303);
    const added = await postMultipart(
      `/memos/${memoId}/photos`,
      cookie,
      multipart({}, [{ name: 'p7.jpg', bytes: jpegWithMetadata('x', 7) }]),
    );
    expect(added.status).toBe(422);
    expect(await rowsOf(memoId)).toHaveLength(6);
    expect(await objectsOf(memoId)).toHaveLength(6);
  });
});

describe('idempotent by key', () => {
  it('stores the same photo sent twice (and the same memo resent) as one object and one row', async () => {
    const photo = { name: 'same.jpg', bytes: jpegWithMetadata('twice', 3) };
    const { res, memoId, cookie, enterprise } = await memoWithPhotos([photo, photo]);
    expect(res.status).toBe(303);
    expect(await rowsOf(memoId)).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      const again = await postMultipart(`/memos/${memoId}/photos`, cookie, multipart({}, [{ ...photo, name: `renamed-${i}.jpeg` }]));
      expect(again.status).toBe(303);
    }
    // The whole memo resent (a retry from the draft queue) is answered with the stored memo.
    const form = { ...memoForm(enterprise.id), id: memoId };
    expect((await postMultipart('/memos', cookie, multipart(form, [photo]))).status).toBe(303);
    expect(await rowsOf(memoId)).toHaveLength(1);
    expect(await objectsOf(memoId)).toHaveLength(1);
    // A different photo is added after it.
    expect(
      (await postMultipart(`/memos/${memoId}/photos`, cookie, multipart({}, [{ name: 'b.jpg', bytes: jpegWithMetadata('other', 4) }])))
        .status,
    ).toBe(303);
    expect((await rowsOf(memoId)).map((r) => r.position)).toEqual([0, 1]);
  });

  it('stores no second set when a queued draft with other photos repeats a stored memo id', async () => {
    const { res, memoId, cookie, enterprise } = await memoWithPhotos([
      { name: 'a.jpg', bytes: jpegWithMetadata('first', 5) },
      { name: 'b.jpg', bytes: jpegWithMetadata('first', 6) },
    ]);
    expect(res.status).toBe(303);
    const stored = await objectsOf(memoId);
    expect(stored).toHaveLength(2);
    // As web/offline/draft-send.ts posts it: multipart, asking for JSON, the memo's own id.
    const again = await call('/memos', {
      method: 'POST',
      cookie,
      headers: { accept: 'application/json' },
      body: multipart({ ...memoForm(enterprise.id), id: memoId }, [
        { name: 'c.jpg', bytes: jpegWithMetadata('second', 7) },
        { name: 'd.jpg', bytes: jpegWithMetadata('second', 8) },
      ]),
    });
    expect([again.status, again.headers.get('location')]).toEqual([303, `/memos/${memoId}`]);
    expect(await objectsOf(memoId)).toEqual(stored);
    expect(await rowsOf(memoId)).toHaveLength(2);
  });

  it('refuses a queued draft with a bad photo as JSON, storing nothing', async () => {
    const officer = await pairedOfficer();
    const form = memoForm(officer.enterprise.id);
    const res = await call('/memos', {
      method: 'POST',
      cookie: officer.cookie,
      headers: { accept: 'application/json' },
      body: multipart(form, [{ name: 'page.jpg', bytes: new TextEncoder().encode('<html>not a photo</html>') }]),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { fields: Record<string, string> };
    expect(Object.keys(body.fields)).toEqual(['photos']);
    expect(await memoRow(String(form.id))).toBeUndefined();
    expect(await objectsOf(String(form.id))).toEqual([]);
  });

  it('lets only the author add photos, within the edit window', async () => {
    const { memoId, enterprise } = await memoWithPhotos([]);
    const colleague = await signedIn('officer');
    await pair((await theProgramme()).id, colleague.user.id, enterprise.id, false);
    const stranger = await signedIn('officer');
    const body = () => multipart({}, [{ name: 'a.jpg', bytes: jpegWithMetadata() }]);
    expect((await postMultipart(`/memos/${memoId}/photos`, colleague.cookie, body())).status).toBe(403);
    expect((await postMultipart(`/memos/${memoId}/photos`, stranger.cookie, body())).status).toBe(404);
    expect((await postMultipart(`/memos/${memoId}/photos`, (await signedIn('admin')).cookie, body())).status).toBe(403);
    expect(await objectsOf(memoId)).toEqual([]);
  });

  it('answers a storage fault with 503 and records no row (the object left is an orphan for the daily run)', async () => {
    const { memoId, cookie } = await memoWithPhotos([]);
    const req = new Request(`${ORIGIN}/memos/${memoId}/photos`, {
      method: 'POST',
      body: multipart({}, [{ name: 'a.jpg', bytes: jpegWithMetadata('fault') }]),
      headers: { cookie, origin: ORIGIN },
      redirect: 'manual',
    });
    const res = await createApp().fetch(req, { ...env, FAULT_INJECT: 'memo-last' });
    expect(res.status).toBe(503);
    expect(await rowsOf(memoId)).toHaveLength(0);
  });
});

describe('the daily sweep of orphaned uploads', () => {
  it('deletes objects a day old that no memo records, and keeps recorded and recent ones', async () => {
    const { memoId } = await memoWithPhotos([{ name: 'kept.jpg', bytes: jpegWithMetadata('kept') }]);
    const orphan = `${PHOTO_PREFIX}${crypto.randomUUID()}/${'a'.repeat(64)}.jpg`;
    await env.FILES.put(orphan, jpegWithMetadata());
    const ctx = { db: createDb(env.DB), env, today: '', maxPages: 5 };
    // Today: nothing is a day old yet.
    await orphanPhotosJob.run({ ...ctx, now: Date.now() });
    expect(await env.FILES.head(orphan)).not.toBeNull();
    const result = await orphanPhotosJob.run({ ...ctx, now: Date.now() + 2 * 86_400_000 });
    expect(await env.FILES.head(orphan)).toBeNull();
    expect(await objectsOf(memoId)).toHaveLength(1);
    expect(result.detail).toMatch(/deleted [1-9]\d* orphaned/);
    expect(
      await db()
        .select()
        .from(memoPhotos)
        .where(like(memoPhotos.key, `${PHOTO_PREFIX}%`))
        .all(),
    ).not.toHaveLength(0);
  });
});
