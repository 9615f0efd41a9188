import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chinaToday } from '../../schema/rules/china-time';
import { assignments, auditLog } from '../../schema/tables';
import { call, countRows, db, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, postForm, signedIn } from '../fixtures';

const rowsOf = (programmeId: string) => db().select().from(assignments).where(eq(assignments.programmeId, programmeId)).all();
const readRow = (id: string) => db().select().from(assignments).where(eq(assignments.id, id)).get();
const tableRows = (html: string) => html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)?.length ?? 0;

async function setting() {
  const admin = await signedIn();
  const [programme, enterprise, a, b] = await Promise.all([makeProgramme(), makeEnterprise(), makeUser(), makeUser()]);
  return { cookie: admin.cookie, programme, enterprise, a, b };
}

describe('creating pairings', () => {
  it('stores a pairing with its lead flag and audits the ids', async () => {
    const { cookie, programme, enterprise, a } = await setting();
    const input = { programmeId: programme.id, officerId: a.id, enterpriseId: enterprise.id, isLead: 'on' };
    const res = await postForm('/admin/assignments', input, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/assignments?programme=${programme.id}`);
    const [row] = await rowsOf(programme.id);
    expect(row).toMatchObject({ officerId: a.id, enterpriseId: enterprise.id, isLead: true });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, row?.id ?? ''), eq(auditLog.action, 'create')))
      .get();
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ officerId: a.id, enterpriseId: enterprise.id, isLead: true });
  });

  it('allows one lead per enterprise and programme: a second lead is refused with 409 on isLead', async () => {
    const { cookie, programme, enterprise, a, b } = await setting();
    const base = { programmeId: programme.id, enterpriseId: enterprise.id };
    expect((await postForm('/admin/assignments', { ...base, officerId: a.id, isLead: 'on' }, { cookie })).status).toBe(303);
    const second = await postForm('/admin/assignments', { ...base, officerId: b.id, isLead: 'on' }, { cookie });
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toMatch(/class="field check has-error"[\s\S]*已有牵头干部/);
    expect(html).toContain('checked');
    expect(await rowsOf(programme.id)).toHaveLength(1);
    // the same officer as a non-lead is fine, and so is a lead in another programme
    expect((await postForm('/admin/assignments', { ...base, officerId: b.id }, { cookie })).status).toBe(303);
    const other = await makeProgramme();
    expect(
      (await postForm('/admin/assignments', { ...base, programmeId: other.id, officerId: b.id, isLead: 'on' }, { cookie })).status,
    ).toBe(303);
    expect(await rowsOf(programme.id)).toHaveLength(2);
  });

  it('refuses the same officer, enterprise and programme twice while the first is in force: 422 on the dates', async () => {
    const { cookie, programme, enterprise, a } = await setting();
    const input = { programmeId: programme.id, officerId: a.id, enterpriseId: enterprise.id };
    expect((await postForm('/admin/assignments', input, { cookie })).status).toBe(303);
    const again = await postForm('/admin/assignments', input, { cookie });
    expect(again.status).toBe(422);
    expect(await again.text()).toMatch(/id="e-startsOn"[^>]*>与该干部和该企业的另一段结对时间重叠/);
    expect(await rowsOf(programme.id)).toHaveLength(1);
  });

  it('refuses unknown, disabled or non-officer references with 422 field errors, not a 500', async () => {
    const { cookie, programme, enterprise, a } = await setting();
    const before = await countRows('assignments');
    const unknown = await postForm(
      '/admin/assignments',
      { programmeId: crypto.randomUUID(), officerId: crypto.randomUUID(), enterpriseId: crypto.randomUUID() },
      { cookie },
    );
    expect(unknown.status).toBe(422);
    const html = await unknown.text();
    for (const f of ['programmeId', 'officerId', 'enterpriseId']) expect(html).toMatch(new RegExp(`id="e-${f}"[^>]*>请选择有效的选项`));
    const admin = await makeUser({ role: 'admin' });
    const asAdmin = await postForm(
      '/admin/assignments',
      { programmeId: programme.id, officerId: admin.id, enterpriseId: enterprise.id },
      { cookie },
    );
    expect(asAdmin.status).toBe(422);
    const off = await makeUser({ disabled: true });
    const disabled = await postForm(
      '/admin/assignments',
      { programmeId: programme.id, officerId: off.id, enterpriseId: enterprise.id },
      { cookie },
    );
    expect(disabled.status).toBe(422);
    const blank = await postForm(
      '/admin/assignments',
      { programmeId: '', officerId: 'x', enterpriseId: enterprise.id, isLead: 'yes' },
      { cookie },
    );
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('此项必填');
    expect((await postForm('/admin/assignments', { programmeId: programme.id, officerId: a.id }, { cookie })).status).toBe(422);
    expect(await countRows('assignments')).toBe(before);
  });
});

describe('changing pairings', () => {
  it('moves the lead: unlead one, lead another; leading a second is refused with 409', async () => {
    const { cookie, programme, enterprise, a, b } = await setting();
    const pa = await pair(programme.id, a.id, enterprise.id, true);
    const pb = await pair(programme.id, b.id, enterprise.id, false);
    expect((await postForm(`/admin/assignments/${pb.id}/lead`, {}, { cookie })).status).toBe(409);
    expect((await readRow(pb.id))?.isLead).toBe(false);
    expect((await postForm(`/admin/assignments/${pa.id}/unlead`, {}, { cookie })).status).toBe(303);
    expect((await postForm(`/admin/assignments/${pb.id}/lead`, {}, { cookie })).status).toBe(303);
    expect((await readRow(pa.id))?.isLead).toBe(false);
    expect((await readRow(pb.id))?.isLead).toBe(true);
    // leading the current lead again is a no-op, not a conflict with itself
    expect((await postForm(`/admin/assignments/${pb.id}/lead`, {}, { cookie })).status).toBe(303);
    expect((await postForm(`/admin/assignments/${crypto.randomUUID()}/lead`, {}, { cookie })).status).toBe(404);
  });

  it('ends a pairing (解除结对) on today by default, keeps its row and audits the end', async () => {
    const { cookie, programme, enterprise, a } = await setting();
    const p = await pair(programme.id, a.id, enterprise.id, true, { startsOn: '2026-01-01' });
    const res = await postForm(`/admin/assignments/${p.id}/end`, {}, { cookie });
    expect(res.status).toBe(303);
    expect(await readRow(p.id)).toMatchObject({ startsOn: '2026-01-01', endsOn: chinaToday(), isLead: true });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, p.id), eq(auditLog.action, 'end')))
      .get();
    expect(JSON.parse(audit?.detail ?? '{}')).toEqual({ endsOn: chinaToday(), startsOn: '2026-01-01', isLead: true, backdated: false });
    expect((await postForm(`/admin/assignments/${p.id}/end`, {}, { cookie })).status).toBe(409);
    expect((await postForm(`/admin/assignments/${crypto.randomUUID()}/end`, {}, { cookie })).status).toBe(404);
  });

  it('refuses officers with 403', async () => {
    const { programme, enterprise, a } = await setting();
    const p = await pair(programme.id, a.id, enterprise.id, true);
    const { cookie } = await signedIn('officer');
    expect((await call('/admin/assignments', { cookie })).status).toBe(403);
    expect((await postForm(`/admin/assignments/${p.id}/end`, {}, { cookie })).status).toBe(403);
    expect(await readRow(p.id)).toBeDefined();
  });
});

describe('the pairing list', () => {
  it('defaults to the most recent programme and shows enterprise, code, officer, unit and lead', async () => {
    const { cookie } = await signedIn();
    const unit = await makeUnit();
    const officer = await makeUser({ unitId: unit.id });
    const recent = await makeProgramme({ startsOn: '2098-01-01' });
    const e = await makeEnterprise({ name: '"><svg onload=alert(1)>' });
    await pair(recent.id, officer.id, e.id, true);
    const html = await (await call('/admin/assignments', { cookie })).text();
    expect(html).toMatch(new RegExp(`<option value="${recent.id}" selected`));
    expect(html).toContain(e.creditCode);
    expect(html).toContain(officer.name);
    expect(html).toContain(unit.name);
    expect(html).toContain('&quot;>&lt;svg onload=alert(1)>');
    expect(html).not.toContain('<svg');
    expect((await call(`/admin/assignments?programme=${crypto.randomUUID()}`, { cookie })).status).toBe(404);
  });

  it('filters by programme, searches enterprise or officer names, and pages', async () => {
    const { cookie, programme, a, b } = await setting();
    const named = await makeEnterprise({ name: '杭州某某生物医药有限公司' });
    await pair(programme.id, b.id, named.id, true);
    for (let i = 0; i < 20; i++) await pair(programme.id, a.id, (await makeEnterprise()).id, true);
    await pair((await makeProgramme()).id, a.id, named.id, true);
    const url = (q: Record<string, string>) => `/admin/assignments?${new URLSearchParams({ programme: programme.id, ...q })}`;
    const page1 = await (await call(url({}), { cookie })).text();
    expect(page1).toContain('共 21 条');
    expect(tableRows(page1)).toBe(20);
    expect(page1).toContain('下一页');
    expect(tableRows(await (await call(url({ page: '2' }), { cookie })).text())).toBe(1);
    const byEnterprise = await (await call(url({ q: '生物医药' }), { cookie })).text();
    expect(byEnterprise).toContain('共 1 条');
    expect(byEnterprise).toContain(b.name);
    const byOfficer = await (await call(url({ q: a.name }), { cookie })).text();
    expect(byOfficer).toContain('共 20 条');
  });

  it('offers only programmes, officers and enterprises in use on the form', async () => {
    const { cookie, programme, a } = await setting();
    const off = await makeUser({ disabled: true });
    const html = await (await call(`/admin/assignments/new?programme=${programme.id}`, { cookie })).text();
    expect(html).toMatch(new RegExp(`<option value="${programme.id}" selected`));
    expect(html).toContain(a.id);
    expect(html).not.toContain(off.id);
  });
});
