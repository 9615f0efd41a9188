import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, chains } from '../../schema/tables';
import { call, countRows, db, makeChain, postForm, signedIn } from '../fixtures';

const ZERO_ID = '00000000-0000-4000-8000-000000000000';
const editLinks = (html: string) => html.match(/href="\/admin\/chains\/[0-9a-f-]{36}\/edit"/g) ?? [];

describe('产业链 admin', () => {
  it('creates a chain in one batch with its audit row', async () => {
    const { cookie } = await signedIn();
    const res = await postForm('/admin/chains', { name: '  生物医药  ' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/chains');
    const row = await db().select().from(chains).where(eq(chains.name, '生物医药')).get();
    expect(row?.disabled).toBe(false);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'chain'), eq(auditLog.objectId, row?.id ?? '')))
      .all();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses a duplicate name with 409, keeps the input and stores nothing', async () => {
    const { cookie } = await signedIn();
    const existing = await makeChain();
    const before = await countRows('chains');
    const res = await postForm('/admin/chains', { name: existing.name }, { cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('已存在相同的记录');
    expect(html).toContain(`value="${existing.name}"`);
    expect(await countRows('chains')).toBe(before);
  });

  it('refuses a blank, an oversize name and an unknown field with 422', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('chains');
    const blank = await postForm('/admin/chains', { name: '   ' }, { cookie });
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('id="e-name"');
    const long = await postForm('/admin/chains', { name: '链'.repeat(61) }, { cookie });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('不能超过 60 个字符');
    expect((await postForm('/admin/chains', { name: '新链', extra: '1' }, { cookie })).status).toBe(422);
    expect(await countRows('chains')).toBe(before);
  });

  it('edits a chain, refusing a name another chain has', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    const other = await makeChain();
    const form = await call(`/admin/chains/${chain.id}/edit`, { cookie });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${chain.name}"`);
    expect((await postForm(`/admin/chains/${chain.id}`, { name: `${chain.name}改` }, { cookie })).status).toBe(303);
    expect((await db().select().from(chains).where(eq(chains.id, chain.id)).get())?.name).toBe(`${chain.name}改`);
    const dup = await postForm(`/admin/chains/${chain.id}`, { name: other.name }, { cookie });
    expect(dup.status).toBe(409);
    expect((await db().select().from(chains).where(eq(chains.id, chain.id)).get())?.name).toBe(`${chain.name}改`);
  });

  it('answers 404 for an unknown id', async () => {
    const { cookie } = await signedIn();
    expect((await call(`/admin/chains/${ZERO_ID}/edit`, { cookie })).status).toBe(404);
    expect((await postForm(`/admin/chains/${ZERO_ID}`, { name: '不存在' }, { cookie })).status).toBe(404);
    expect((await postForm(`/admin/chains/${ZERO_ID}/disable`, {}, { cookie })).status).toBe(404);
  });

  it('disables and re-enables a chain', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    const read = async () => (await db().select().from(chains).where(eq(chains.id, chain.id)).get())?.disabled;
    expect((await postForm(`/admin/chains/${chain.id}/disable`, {}, { cookie })).status).toBe(303);
    expect(await read()).toBe(true);
    expect((await postForm(`/admin/chains/${chain.id}/enable`, {}, { cookie })).status).toBe(303);
    expect(await read()).toBe(false);
  });

  it('searches by name, escapes names and pages by 20', async () => {
    const { cookie } = await signedIn();
    const prefix = `翻页${Date.now().toString(36)}`;
    for (let i = 0; i < 25; i++) await makeChain(`${prefix}-${String(i).padStart(2, '0')}`);
    await makeChain(`<img src=x onerror=alert(1)>${prefix}`);
    const page1 = await (await call(`/admin/chains?q=${encodeURIComponent(prefix)}`, { cookie })).text();
    expect(editLinks(page1)).toHaveLength(20);
    expect(page1).toContain('共 26 条');
    // '<' sorts before the CJK prefix, so the hostile name is on page 1
    expect(page1).toContain('&lt;img src=x');
    expect(page1).not.toContain('<img src=x');
    const page2 = await (await call(`/admin/chains?q=${encodeURIComponent(prefix)}&page=2`, { cookie })).text();
    expect(editLinks(page2)).toHaveLength(6);
    const one = await (await call(`/admin/chains?q=${encodeURIComponent(`${prefix}-07`)}`, { cookie })).text();
    expect(editLinks(one)).toHaveLength(1);
  });

  it('refuses an officer with 403', async () => {
    const { cookie } = await signedIn('officer');
    const chain = await makeChain();
    expect((await call('/admin/chains', { cookie })).status).toBe(403);
    expect((await postForm('/admin/chains', { name: '越权' }, { cookie })).status).toBe(403);
    expect((await postForm(`/admin/chains/${chain.id}/disable`, {}, { cookie })).status).toBe(403);
    expect(await db().select().from(chains).where(eq(chains.name, '越权')).get()).toBeUndefined();
  });
});
