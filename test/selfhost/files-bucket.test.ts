// The FILES adapter (server/files-bucket.ts): the R2 subset the memo photos use, kept inside its folder.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderBucket, fileNameOf } from '../../server/files-bucket.ts';

const bucket = () => {
  const parent = mkdtempSync(join(tmpdir(), 'bangfu-files-'));
  return { parent, files: new FolderBucket(join(parent, 'files')) };
};

describe('FILES on a folder', () => {
  it('puts, heads, gets and deletes an object with its metadata', async () => {
    const { files } = bucket();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const put = await files.put('memos/m1/photo-1.jpg', bytes, {
      httpMetadata: { contentType: 'image/jpeg' },
      customMetadata: { memo: 'm1' },
    });
    expect(put).toMatchObject({ key: 'memos/m1/photo-1.jpg', size: 7 });
    expect(put.etag).toBe(createHash('md5').update(bytes).digest('hex'));
    const head = await files.head('memos/m1/photo-1.jpg');
    expect(head).toMatchObject({
      size: 7,
      etag: put.etag,
      httpEtag: `"${put.etag}"`,
      httpMetadata: { contentType: 'image/jpeg' },
      customMetadata: { memo: 'm1' },
    });
    const got = await files.get('memos/m1/photo-1.jpg');
    expect(new Uint8Array(await (got as NonNullable<typeof got>).arrayBuffer())).toEqual(bytes);
    const streamed = await files.get('memos/m1/photo-1.jpg');
    expect(new Uint8Array(await new Response(streamed?.body).arrayBuffer())).toEqual(bytes);
    const headers = new Headers();
    streamed?.writeHttpMetadata(headers);
    expect(headers.get('content-type')).toBe('image/jpeg');
    await files.delete(['memos/m1/photo-1.jpg', 'never-stored']);
    expect(await files.get('memos/m1/photo-1.jpg')).toBeNull();
    expect(await files.head('memos/m1/photo-1.jpg')).toBeNull();
  });

  it('keeps keys such as ../x or /etc/passwd inside its folder', async () => {
    const { parent, files } = bucket();
    for (const key of ['../escape', '../../escape', '/etc/passwd-copy', '..', '.', 'a/../../b', '..\\win']) {
      await files.put(key, `body of ${key}`);
      expect(files.pathOf(key).startsWith(`${files.root}/`)).toBe(true);
      expect(await (await files.get(key))?.text()).toBe(`body of ${key}`);
    }
    expect(readdirSync(parent)).toEqual(['files']);
    expect(existsSync('/etc/passwd-copy')).toBe(false);
    expect(readdirSync(files.root).every((name) => !name.startsWith('.'))).toBe(true);
    expect(fileNameOf('../x')).toBe('%2E%2E%2Fx');
    expect(fileNameOf('k'.repeat(500))).toMatch(/^~[0-9a-f]{64}$/);
  });

  it('replaces an object whole: no temporary file is left and the new bytes are read back', async () => {
    const { files } = bucket();
    await files.put('k', 'old');
    await files.put('k', new Blob(['new']));
    expect(await (await files.get('k'))?.text()).toBe('new');
    expect(readdirSync(files.root)).toEqual(['k']);
  });

  it('lists keys under a prefix in key order, a page at a time, long keys included', async () => {
    const { files } = bucket();
    const long = `memo-photos/m2/${'x'.repeat(300)}.jpg`;
    for (const key of ['memo-photos/m2/b.jpg', 'other/a.jpg', 'memo-photos/m1/a.png', long]) await files.put(key, key);
    const first = await files.list({ prefix: 'memo-photos/', limit: 2 });
    expect(first.objects.map((o) => o.key)).toEqual(['memo-photos/m1/a.png', 'memo-photos/m2/b.jpg']);
    expect(first.truncated).toBe(true);
    expect(first.objects[0]?.size).toBe('memo-photos/m1/a.png'.length);
    expect(first.objects[0]?.uploaded).toBeInstanceOf(Date);
    const second = await files.list({ prefix: 'memo-photos/', limit: 2, cursor: first.cursor });
    expect(second.objects.map((o) => o.key)).toEqual([long]);
    expect(second.truncated).toBe(false);
    expect(second.cursor).toBeUndefined();
  });
});
