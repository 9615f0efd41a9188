import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, programmes } from '../../schema/tables';
import { call, countRows, db, makeProgramme, postForm, signedIn } from '../fixtures';

const byName = (name: string) => db().select().from(programmes).where(eq(programmes.name, name)).get();
let n = 0;
const newName = () => `2026年百人帮百企行动${Date.now().toString(36)}${n++}`;
const valid = (name = newName()) => ({ name, startsOn: '2026-03-01', endsOn: '2026-12-31', phase: 'pairing' });

describe('creating and editing programmes', () => {
  it('stores a programme and audits it', async () => {
    const { cookie } = await signedIn();
    const input = valid();
    const res = await postForm('/admin/programmes', input, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/programmes');
    const row = await byName(input.name);
    expect(row).toMatchObject({ startsOn: '2026-03-01', endsOn: '2026-12-31', phase: 'pairing', disabled: false });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, row?.id ?? ''), eq(auditLog.objectType, 'programme')))
      .all();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses an end date before the start date on the end date field, input kept', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('programmes');
    const res = await postForm('/admin/programmes', { ...valid(), startsOn: '2026-06-01', endsOn: '2026-05-31' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="e-endsOn"[^>]*>结束日期不能早于开始日期</);
    expect(html).toContain('value="2026-05-31"');
    expect(await countRows('programmes')).toBe(before);
  });

  it('refuses bad dates, an unknown phase, a long name and unknown fields with 422', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('programmes');
    const res = await postForm(
      '/admin/programmes',
      { name: '行'.repeat(81), startsOn: '2026-02-30', endsOn: 'soon', phase: 'done' },
      { cookie },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('不能超过 80 个字符');
    expect(html).toMatch(/id="e-startsOn"[^>]*>请填写有效日期/);
    expect(html).toMatch(/id="e-endsOn"[^>]*>请填写有效日期/);
    expect(html).toMatch(/id="e-phase"[^>]*>请选择有效的选项/);
    expect(html).not.toContain('结束日期不能早于开始日期');
    expect((await postForm('/admin/programmes', { ...valid(), disabled: 'on' }, { cookie })).status).toBe(422);
    expect(await countRows('programmes')).toBe(before);
  });

  it('answers a duplicate name with 409', async () => {
    const { cookie } = await signedIn();
    const existing = await makeProgramme();
    const res = await postForm('/admin/programmes', valid(existing.name), { cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('已存在相同的记录');
  });

  it('edits name, period and phase; 404 for an unknown id', async () => {
    const { cookie } = await signedIn();
    const p = await makeProgramme();
    const form = await call(`/admin/programmes/${p.id}/edit`, { cookie });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${p.name}"`);
    const input = { ...valid(), phase: 'evaluating' };
    expect((await postForm(`/admin/programmes/${p.id}`, input, { cookie })).status).toBe(303);
    expect(await byName(input.name)).toMatchObject({ id: p.id, phase: 'evaluating', startsOn: '2026-03-01' });
    const bad = await postForm(`/admin/programmes/${p.id}`, { ...input, endsOn: '2025-01-01' }, { cookie });
    expect(bad.status).toBe(422);
    expect((await byName(input.name))?.endsOn).toBe('2026-12-31');
    const unknown = crypto.randomUUID();
    expect((await call(`/admin/programmes/${unknown}/edit`, { cookie })).status).toBe(404);
    expect((await postForm(`/admin/programmes/${unknown}`, valid(), { cookie })).status).toBe(404);
  });

  it('disables and enables a programme', async () => {
    const { cookie } = await signedIn();
    const p = await makeProgramme();
    expect((await postForm(`/admin/programmes/${p.id}/disable`, {}, { cookie })).status).toBe(303);
    expect((await db().select().from(programmes).where(eq(programmes.id, p.id)).get())?.disabled).toBe(true);
    expect((await postForm(`/admin/programmes/${p.id}/enable`, {}, { cookie })).status).toBe(303);
    expect((await db().select().from(programmes).where(eq(programmes.id, p.id)).get())?.disabled).toBe(false);
  });
});

describe('listing programmes', () => {
  it('shows name, period and phase, searches and pages', async () => {
    const { cookie } = await signedIn();
    const tag = `批次${Date.now().toString(36)}`;
    for (let i = 0; i < 21; i++)
      await makeProgramme({ name: `${tag}-${i}`, phase: 'assisting', startsOn: '2026-01-01', endsOn: '2026-06-30' });
    const page1 = await (await call(`/admin/programmes?q=${encodeURIComponent(tag)}`, { cookie })).text();
    expect(page1).toContain('共 21 条');
    expect(page1).toContain('2026-01-01 至 2026-06-30');
    expect(page1).toContain('实施帮扶');
    expect(page1).toContain('下一页');
    const page2 = await (await call(`/admin/programmes?q=${encodeURIComponent(tag)}&page=2`, { cookie })).text();
    expect(page2.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(1);
    expect(page2).not.toContain('下一页');
  });

  it('escapes a hostile name', async () => {
    const { cookie } = await signedIn();
    await makeProgramme({ name: '"><svg onload=alert(1)>' });
    const html = await (await call(`/admin/programmes?q=${encodeURIComponent('svg onload')}`, { cookie })).text();
    expect(html).toContain('&quot;>&lt;svg onload=alert(1)>');
    expect(html).not.toContain('<svg');
  });

  it('refuses officers with 403', async () => {
    const { cookie } = await signedIn('officer');
    const before = await countRows('programmes');
    expect((await call('/admin/programmes', { cookie })).status).toBe(403);
    expect((await postForm('/admin/programmes', valid(), { cookie })).status).toBe(403);
    expect(await countRows('programmes')).toBe(before);
  });
});
