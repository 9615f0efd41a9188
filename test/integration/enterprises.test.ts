import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, enterprises } from '../../schema/tables';
import { call, countRows, db, makeChain, makeCreditCode, makeEnterprise, postForm, signedIn } from '../fixtures';

const ZERO_ID = '00000000-0000-4000-8000-000000000000';
const editLinks = (html: string) => html.match(/href="\/admin\/enterprises\/[0-9a-f-]{36}\/edit"/g) ?? [];
const byCode = (code: string) => db().select().from(enterprises).where(eq(enterprises.creditCode, code)).get();
let n = 0;
const valid = (overrides: Record<string, string> = {}) => ({
  name: `测试企业${n++}`,
  creditCode: makeCreditCode(),
  region: '福州市鼓楼区',
  chainId: '',
  sector: 'drug',
  contactName: '张三',
  contactPhone: '0591-87654321',
  ...overrides,
});
const list = async (cookie: string, query: string) => (await call(`/admin/enterprises?${query}`, { cookie })).text();

describe('企业 admin: create', () => {
  it('stores a valid enterprise with its chain and an audit row', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    const input = valid({ chainId: chain.id, aboveScale: 'on', sector: 'device' });
    const res = await postForm('/admin/enterprises', input, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/enterprises');
    const row = await byCode(input.creditCode);
    expect(row).toMatchObject({ name: input.name, region: '福州市鼓楼区', chainId: chain.id, sector: 'device', aboveScale: true });
    expect(row?.updatedAt).toBe(row?.createdAt);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'enterprise'), eq(auditLog.objectId, row?.id ?? '')))
      .all();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('normalises a lower-case, spaced credit code and accepts it', async () => {
    const { cookie } = await signedIn();
    const res = await postForm('/admin/enterprises', valid({ creditCode: ' 91350100m000100y43 ' }), { cookie });
    expect(res.status).toBe(303);
    expect(await byCode('91350100M000100Y43')).toBeDefined();
  });

  it('refuses a wrong check character and a 17-character code with 422, input kept', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('enterprises');
    const good = makeCreditCode();
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    for (const creditCode of [wrong, good.slice(0, 17)]) {
      const res = await postForm('/admin/enterprises', valid({ creditCode, name: '保留的名称' }), { cookie });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('id="e-creditCode"');
      expect(html).toContain('统一社会信用代码无效');
      expect(html).toContain(`value="${creditCode}"`);
      expect(html).toContain('value="保留的名称"');
    }
    expect(await countRows('enterprises')).toBe(before);
  });

  it('refuses a 101-character name and accepts 100', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('enterprises');
    const res = await postForm('/admin/enterprises', valid({ name: '企'.repeat(101) }), { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('不能超过 100 个字符');
    expect(await countRows('enterprises')).toBe(before);
    expect((await postForm('/admin/enterprises', valid({ name: '企'.repeat(100) }), { cookie })).status).toBe(303);
  });

  it('names every missing required field, and refuses unknown fields, bad phones and bad choices', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('enterprises');
    const res = await postForm('/admin/enterprises', {}, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const field of ['name', 'creditCode', 'sector']) expect(html).toMatch(new RegExp(`id="e-${field}"[^>]*>此项必填<`));
    const cases: Record<string, string>[] = [
      valid({ extra: 'x' }),
      valid({ contactPhone: 'call me' }),
      valid({ sector: 'weapons' }),
      valid({ chainId: 'not-a-uuid' }),
      valid({ chainId: ZERO_ID }),
      valid({ region: '区'.repeat(41) }),
    ];
    for (const input of cases) expect((await postForm('/admin/enterprises', input, { cookie })).status).toBe(422);
    expect(await countRows('enterprises')).toBe(before);
  });

  it('refuses a duplicate credit code with 409 on that field and keeps one row', async () => {
    const { cookie } = await signedIn();
    const existing = await makeEnterprise();
    const res = await postForm('/admin/enterprises', valid({ creditCode: existing.creditCode.toLowerCase(), name: '另一家' }), { cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toMatch(/id="e-creditCode"[^>]*>已存在相同的记录</);
    expect(html).toContain('value="另一家"');
    expect(await db().select().from(enterprises).where(eq(enterprises.creditCode, existing.creditCode)).all()).toHaveLength(1);
  });
});

describe('企业 admin: edit and toggle', () => {
  it('shows the stored values, updates them and moves updatedAt', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    const e = await makeEnterprise({ chainId: chain.id, aboveScale: true, createdAt: 1, updatedAt: 1 });
    const form = await (await call(`/admin/enterprises/${e.id}/edit`, { cookie })).text();
    expect(form).toContain(`value="${e.name}"`);
    expect(form).toContain(`value="${e.creditCode}"`);
    expect(form).toMatch(new RegExp(`<option value="${chain.id}" selected`));
    const res = await postForm(`/admin/enterprises/${e.id}`, valid({ name: '改名后', creditCode: e.creditCode, sector: 'cosmetic' }), {
      cookie,
    });
    expect(res.status).toBe(303);
    const row = await byCode(e.creditCode);
    expect(row).toMatchObject({ name: '改名后', sector: 'cosmetic', chainId: null, aboveScale: false });
    expect(row?.updatedAt).toBeGreaterThan(1);
  });

  it('keeps a disabled chain choosable for the enterprise that already has it', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    const e = await makeEnterprise({ chainId: chain.id });
    expect((await postForm(`/admin/chains/${chain.id}/disable`, {}, { cookie })).status).toBe(303);
    const input = valid({ creditCode: e.creditCode, chainId: chain.id });
    expect((await postForm(`/admin/enterprises/${e.id}`, input, { cookie })).status).toBe(303);
    expect((await postForm('/admin/enterprises', valid({ chainId: chain.id }), { cookie })).status).toBe(422);
  });

  it('refuses taking another enterprise credit code with 409 and changes nothing', async () => {
    const { cookie } = await signedIn();
    const a = await makeEnterprise();
    const b = await makeEnterprise();
    const res = await postForm(`/admin/enterprises/${a.id}`, valid({ creditCode: b.creditCode, name: '想改' }), { cookie });
    expect(res.status).toBe(409);
    expect((await byCode(a.creditCode))?.name).toBe(a.name);
  });

  it('answers 404 for an unknown id', async () => {
    const { cookie } = await signedIn();
    expect((await call(`/admin/enterprises/${ZERO_ID}/edit`, { cookie })).status).toBe(404);
    expect((await postForm(`/admin/enterprises/${ZERO_ID}`, valid(), { cookie })).status).toBe(404);
    expect((await postForm(`/admin/enterprises/${ZERO_ID}/enable`, {}, { cookie })).status).toBe(404);
  });

  it('disables and re-enables an enterprise', async () => {
    const { cookie } = await signedIn();
    const e = await makeEnterprise();
    expect((await postForm(`/admin/enterprises/${e.id}/disable`, {}, { cookie })).status).toBe(303);
    expect((await byCode(e.creditCode))?.disabled).toBe(true);
    expect((await postForm(`/admin/enterprises/${e.id}/enable`, {}, { cookie })).status).toBe(303);
    expect((await byCode(e.creditCode))?.disabled).toBe(false);
  });
});

describe('企业 admin: list', () => {
  it('escapes enterprise names in the list', async () => {
    const { cookie } = await signedIn();
    const e = await makeEnterprise({ name: '<img src=x onerror=alert(1)>' });
    const html = await list(cookie, `q=${e.creditCode}`);
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`<code>${e.creditCode}</code>`);
  });

  it('searches by name or credit code and filters by chain', async () => {
    const { cookie } = await signedIn();
    const tag = `检索${Date.now().toString(36)}`;
    const [c1, c2] = [await makeChain(), await makeChain()];
    const a = await makeEnterprise({ name: `${tag}甲`, chainId: c1.id, sector: 'cosmetic', aboveScale: true });
    const b = await makeEnterprise({ name: `${tag}乙`, chainId: c2.id });
    const other = await makeEnterprise({ chainId: c1.id });
    const byName = await list(cookie, `q=${encodeURIComponent(tag)}`);
    expect(editLinks(byName)).toHaveLength(2);
    expect(byName).toContain(c1.name);
    expect(byName).toContain('化妆品');
    const byCodeHtml = await list(cookie, `q=${other.creditCode.slice(4).toLowerCase()}`);
    expect(editLinks(byCodeHtml)).toEqual([`href="/admin/enterprises/${other.id}/edit"`]);
    const filtered = await list(cookie, `q=${encodeURIComponent(tag)}&chain=${c2.id}`);
    expect(editLinks(filtered)).toEqual([`href="/admin/enterprises/${b.id}/edit"`]);
    const chainOnly = await list(cookie, `chain=${c1.id}`);
    expect(editLinks(chainOnly).sort()).toEqual([a.id, other.id].map((id) => `href="/admin/enterprises/${id}/edit"`).sort());
    expect(chainOnly).toMatch(new RegExp(`<option value="${c1.id}" selected`));
  });

  it('pages by 20 and keeps the filter in the pager links', async () => {
    const { cookie } = await signedIn();
    const chain = await makeChain();
    for (let i = 0; i < 25; i++) await makeEnterprise({ name: `分页${String(i).padStart(2, '0')}`, chainId: chain.id });
    const page1 = await list(cookie, `chain=${chain.id}`);
    expect(editLinks(page1)).toHaveLength(20);
    expect(page1).toContain('共 25 条');
    expect(page1).toContain(`chain=${chain.id}&amp;page=2`);
    const page2 = await list(cookie, `chain=${chain.id}&page=2`);
    expect(editLinks(page2)).toHaveLength(5);
    expect(page2).toContain('分页24');
    expect(page2).not.toContain('分页00');
  });

  it('refuses an officer with 403 and stores nothing', async () => {
    const { cookie } = await signedIn('officer');
    const e = await makeEnterprise();
    const before = await countRows('enterprises');
    expect((await call('/admin/enterprises', { cookie })).status).toBe(403);
    expect((await call(`/admin/enterprises/${e.id}/edit`, { cookie })).status).toBe(403);
    expect((await postForm('/admin/enterprises', valid(), { cookie })).status).toBe(403);
    expect((await postForm(`/admin/enterprises/${e.id}/disable`, {}, { cookie })).status).toBe(403);
    expect(await countRows('enterprises')).toBe(before);
    expect((await byCode(e.creditCode))?.disabled).toBe(false);
  });
});
