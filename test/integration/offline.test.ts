// Issue 22, the server's side of the officer app offline: which pages say they are an officer's (the
// service worker keeps only those), the drafts list page, and a draft sent from the queue: refused as
// JSON with its field messages and nothing stored, accepted once however often it is sent.
import { describe, expect, it } from 'vitest';
import { OFFLINE_PAGES } from '../../web/offline/offline-pages';
import { call, countRows, postForm, signedIn } from '../fixtures';
import { memoForm, pairedOfficer, problemRow } from '../fixtures/memos';

/** How web/offline/draft-send.ts posts a queued draft. */
const sendDraft = (cookie: string, form: Record<string, string | string[]>) =>
  postForm('/memos', form, { cookie, headers: { accept: 'application/json' } });

describe('pages the officer app may keep offline', () => {
  it('are an officer’s, each marked with the reader’s role and never cacheable by HTTP caches', async () => {
    const { cookie } = await pairedOfficer();
    for (const path of OFFLINE_PAGES) {
      const res = await call(path, { cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-offline-role'), path).toBe('officer');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('say so for no one else: the handler’s home is marked handler, the admin is sent away, the drafts list is 403', async () => {
    const handler = await signedIn('handler');
    const home = await call('/', { cookie: handler.cookie });
    expect(home.status).toBe(200);
    expect(home.headers.get('x-offline-role')).toBe('handler');
    const admin = await signedIn('admin');
    expect((await call('/', { cookie: admin.cookie })).status).toBe(303);
    expect((await call('/admin', { cookie: admin.cookie })).headers.get('x-offline-role')).toBe('admin');
    for (const { cookie } of [handler, admin]) expect((await call('/memos/drafts', { cookie })).status).toBe(403);
    expect((await call('/memos/drafts')).status).toBe(303); // signed out: to the login page
  });

  it('home shows when its list was read, the drafts list names only the officer’s enterprises', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const other = await pairedOfficer();
    const home = await (await call('/', { cookie })).text();
    expect(home).toMatch(/data-synced-at="true">同步于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(home).toContain('rel="manifest"');
    const drafts = await (await call('/memos/drafts', { cookie })).text();
    expect(drafts).toContain('data-island="drafts-list"');
    expect(drafts).toContain(enterprise.id);
    expect(drafts).not.toContain(other.enterprise.id);
  });
});

describe('a draft sent from the queue', () => {
  it('is refused with 422, the field messages as JSON, and nothing stored', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const before = await countRows('memos');
    const form = memoForm(enterprise.id, [problemRow({ description: '' })], { visitDate: '2999-01-01' });
    const res = await sendDraft(cookie, form);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; fields: Record<string, string> };
    expect(body.code).toBe('invalid');
    expect(body.message).toBe('提交的内容有误，请按提示修改后再提交。');
    expect(Object.keys(body.fields)).toContain('visitDate');
    expect(await countRows('memos')).toBe(before);
  });

  it('is stored once when sent twice (a reconnection that lost the first answer)', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const before = await countRows('memos');
    const form = memoForm(enterprise.id, [problemRow()]);
    const first = await sendDraft(cookie, form);
    const again = await sendDraft(cookie, form);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.get('location')).toBe(`/memos/${form.id}`);
    expect(await countRows('memos')).toBe(before + 1);
    expect(await countRows('problems')).toBeGreaterThan(0);
  });

  it('in another officer’s name is refused (409) and stores nothing', async () => {
    const mine = await pairedOfficer();
    const theirs = await pairedOfficer();
    const form = memoForm(mine.enterprise.id);
    expect((await sendDraft(mine.cookie, form)).status).toBe(303);
    const before = await countRows('memos');
    const res = await sendDraft(theirs.cookie, { ...form, enterpriseId: theirs.enterprise.id });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('memo_id_taken');
    expect(await countRows('memos')).toBe(before);
  });
});
