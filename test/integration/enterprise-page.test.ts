// The enterprise's 我的诉求 page (issue 16): its link opens like a survey link and fails like one (the
// same bytes, the same throttle), a re-issue revokes the old link, officers never reach the links; the
// enterprise sees and confirms only its own problems; 不满意 needs a reason and reopens; the officer's
// phone 回访 waits N days and never overwrites the enterprise's answer; a request lands as 待交办 with
// its 待办 and at most 5 a day. In every refusal nothing is stored; a storage fault is a generic 503.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todos } from '../../schema/ledger-tables';
import { problems } from '../../schema/memo-tables';
import { enterpriseLinks } from '../../schema/survey-tables';
import { call, db, makeEnterprise, makeProgramme, makeUnit, pair, postForm, signedIn } from '../fixtures';
import { enterpriseLink } from '../fixtures/enterprise-links';
import { dispatchTo, eventsOf, handlerOf, memoWithProblem, move, readProblemRow } from '../fixtures/memos';
import { auditRows, brokenD1, callWith, RESET, storesNothing } from '../security/helpers';

type Side = { enterprise: { id: string; name: string }; cookie: string; token: string };
let programmeId: string;
let officer: Awaited<ReturnType<typeof signedIn>>;
let handler: Awaited<ReturnType<typeof handlerOf>>;
let unitId: string;
let a: Side;
let b: Side;

beforeAll(async () => {
  // The current programme (the latest start running today), with the default 7 days to confirm.
  ({ id: programmeId } = await makeProgramme({
    startsOn: '2002-01-01',
    issuingOffice: '市生物医药产业链办公室',
    helpPhone: '0571-88888888',
  }));
  officer = await signedIn('officer');
  const unit = await makeUnit();
  unitId = unit.id;
  handler = await handlerOf(unit.id);
  const side = async (): Promise<Side> => {
    const enterprise = await makeEnterprise();
    await pair(programmeId, officer.user.id, enterprise.id, true);
    return { enterprise, ...(await enterpriseLink(programmeId, enterprise.id)) };
  };
  [a, b] = [await side(), await side()];
});

/** A problem of the enterprise, through the handler's 办结 when `closed`. */
async function problemOf(s: Side, closed: boolean) {
  const p = await memoWithProblem(officer.cookie, s.enterprise.id);
  await dispatchTo(p.id, unitId);
  await move(handler.cookie, p.id, 'accept', { note: '' });
  await move(handler.cookie, p.id, 'progress', { note: '已联系税务部门', forEnterprise: 'on' });
  await move(handler.cookie, p.id, 'progress', { note: '内部：等待分管领导签字' });
  if (closed) await move(handler.cookie, p.id, 'close', { resolution: '已办理退税' });
  return p.id;
}
const confirm = (s: Side, id: string, data: Record<string, string>) => postForm(`/e/problems/${id}/confirm`, data, { cookie: s.cookie });

describe('the link', () => {
  it('opens once for a cookie and the clean URL; the page names the office and help line and shows only marked notes', async () => {
    const id = await problemOf(a, false);
    const res = await call(`/e/${a.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/e');
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-ev=.*HttpOnly.*Secure/i);
    const html = await (await call('/e', { cookie: a.cookie })).text();
    expect(html).toContain('市生物医药产业链办公室');
    expect(html).toContain('0571-88888888');
    expect(html).toContain('已联系税务部门');
    expect(html).not.toContain('内部：等待分管领导签字');
    expect(html).toContain('办理中');
    expect(html).not.toContain(officer.user.name);
    const reads = await auditRows('enterprise_page_read');
    expect(reads.at(-1)).toMatchObject({ actor_id: null, object_type: 'enterprise', object_id: a.enterprise.id });
    expect(id).toBeTruthy();
  });

  it('an unknown, guessed or revoked token gets the survey links’ byte-identical 404, then 429', async () => {
    const survey404 = await (await call('/s/AAAAAAAAAAAAAAAAAAAAAAAA')).text();
    const guessed = await call('/e/AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(guessed.status).toBe(404);
    expect(await guessed.text()).toBe(survey404);
    expect(await (await call('/e/short')).text()).toBe(survey404);
    // The admin re-issues an enterprise's link: the old token and the cookie it gave no longer open anything.
    const admin = await signedIn('admin');
    const enterprise = await makeEnterprise();
    await pair(programmeId, officer.user.id, enterprise.id, false);
    const r = await enterpriseLink(programmeId, enterprise.id);
    expect((await postForm(`/admin/enterprise-links/${enterprise.id}/reissue`, {}, { cookie: admin.cookie })).status).toBe(303);
    const old = await call(`/e/${r.token}`);
    expect([old.status, await old.text()]).toEqual([404, survey404]);
    expect((await call('/e', { cookie: r.cookie })).status).toBe(404);
    const rows = await db().select().from(enterpriseLinks).where(eq(enterpriseLinks.enterpriseId, enterprise.id)).all();
    expect(rows.map((row) => row.revokedAt === null).sort()).toEqual([false, true]);
    expect((await auditRows('enterprise_link_reissued')).at(-1)).toMatchObject({ actor_id: admin.user.id, object_id: enterprise.id });
    // 30 bad tokens a minute per client, then 429 (the survey links' limit and counter).
    const headers = { 'cf-connecting-ip': '203.0.113.77' };
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await call(`/e/BBBBBBBBBBBBBBBBBBBBBBB${i % 10}`, { headers })).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('officers never reach the links or the sheet', async () => {
    for (const path of ['/admin/enterprise-links', '/admin/enterprise-links/sheet']) {
      expect((await call(path, { cookie: officer.cookie })).status, path).toBe(403);
    }
    expect((await postForm('/admin/enterprise-links/issue', {}, { cookie: officer.cookie })).status).toBe(403);
  });

  it('the admin issues links in bulk and prints a sheet with a QR code per enterprise (audited)', async () => {
    const admin = await signedIn('admin');
    const c = await makeEnterprise();
    await pair(programmeId, officer.user.id, c.id, false);
    expect((await postForm('/admin/enterprise-links/issue', {}, { cookie: admin.cookie })).status).toBe(303);
    expect((await auditRows('enterprise_link_issued')).some((r) => r.object_id === c.id)).toBe(true);
    const sheet = await (await call('/admin/enterprise-links/sheet', { cookie: admin.cookie })).text();
    expect(sheet).toContain(c.name);
    expect(sheet).toMatch(/https:\/\/bangfu\.test\/e\/[A-Za-z0-9_-]{24}/);
    expect(sheet).toContain('<svg');
  });
});

describe('confirming a result', () => {
  it('of a problem not 办结: 409, nothing stored', async () => {
    const id = await problemOf(a, false);
    await storesNothing(async () => expect((await confirm(a, id, { outcome: 'satisfied', reason: '' })).status).toBe(409));
  });

  it('of another enterprise’s problem: 404 (audited), nothing stored, and its page never lists it', async () => {
    const id = await problemOf(b, true);
    await storesNothing(async () => expect((await confirm(a, id, { outcome: 'satisfied', reason: '' })).status).toBe(404));
    expect((await auditRows('not_visible')).at(-1)).toMatchObject({ object_id: id });
    const code = (await readProblemRow(id))?.code as string;
    expect(await (await call('/e', { cookie: a.cookie })).text()).not.toContain(code);
    expect(await (await call('/e', { cookie: b.cookie })).text()).toContain(code);
  });

  it('不满意 needs a reason (422, kept, nothing stored), then reopens to the handler; 满意 is recorded as 企业确认', async () => {
    const id = await problemOf(a, true);
    await storesNothing(async () => {
      const res = await confirm(a, id, { outcome: 'unsatisfied', reason: '' });
      expect(res.status).toBe(422);
      expect(await res.text()).toMatch(/value="unsatisfied"[^>]*checked/);
    });
    expect((await confirm(a, id, { outcome: 'unsatisfied', reason: '退税金额不对' })).status).toBe(303);
    expect(await readProblemRow(id)).toMatchObject({ status: 'in_progress', followUp: null, followUpBy: null, resolution: '' });
    const reopen = (await eventsOf(id)).at(-1);
    expect(reopen).toMatchObject({ kind: 'reopen', actorId: null, actorRole: 'enterprise', note: '退税金额不对' });
    await move(handler.cookie, id, 'close', { resolution: '已补足退税' });
    expect((await confirm(a, id, { outcome: 'satisfied', reason: '' })).status).toBe(303);
    expect(await readProblemRow(id)).toMatchObject({ status: 'closed', followUp: 'satisfied', followUpBy: 'enterprise' });
    expect(await (await call(`/problems/${id}`, { cookie: officer.cookie })).text()).toContain('满意（企业确认，');
    // Answered: a second confirmation is 409 and the officer's 回访 cannot overwrite it.
    await storesNothing(async () => {
      expect((await confirm(a, id, { outcome: 'unsatisfied', reason: 'x' })).status).toBe(409);
      expect((await move(officer.cookie, id, 'follow-up', { outcome: 'unsatisfied', note: '' })).status).toBe(409);
    });
  });

  it('the officer’s phone 回访 waits N days after 办结 without an answer, then is recorded as 干部回访', async () => {
    const id = await problemOf(a, true);
    await storesNothing(async () =>
      expect((await move(officer.cookie, id, 'follow-up', { outcome: 'satisfied', note: '' })).status).toBe(409),
    );
    const closedOn = (await readProblemRow(id))?.closedOn as string;
    const eightDaysBefore = new Date(Date.parse(`${closedOn}T00:00:00Z`) - 8 * 86_400_000).toISOString().slice(0, 10);
    await db().update(problems).set({ closedOn: eightDaysBefore }).where(eq(problems.id, id));
    expect((await move(officer.cookie, id, 'follow-up', { outcome: 'basically', note: '电话回访' })).status).toBe(303);
    expect(await readProblemRow(id)).toMatchObject({ followUp: 'basically', followUpBy: 'officer' });
    await storesNothing(async () => expect((await confirm(a, id, { outcome: 'satisfied', reason: '' })).status).toBe(409));
  });
});

describe('raising a request', () => {
  it('an empty description: 422 with the input kept, nothing stored', async () => {
    await storesNothing(async () => {
      const res = await postForm('/e', { category: 'finance', description: '  ', contact: '张三 13800000000' }, { cookie: a.cookie });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('value="张三 13800000000"');
      expect(html).toMatch(/<option value="finance" selected/);
    });
  });

  it('lands as 待交办 from 企业直报 with 待办 for the admins and the paired officers; at most 5 a day', async () => {
    const admin = await signedIn('admin');
    const res = await postForm('/e', { category: 'policy', description: '申请研发费用加计扣除', contact: '' }, { cookie: b.cookie });
    expect(res.status).toBe(303);
    const row = await db().select().from(problems).where(eq(problems.description, '申请研发费用加计扣除')).get();
    expect(row).toMatchObject({
      status: 'pending',
      source: 'enterprise',
      enterpriseId: b.enterprise.id,
      memoId: null,
      deadlineProvisional: true,
    });
    const open = await db()
      .select()
      .from(todos)
      .where(eq(todos.problemId, row?.id as string))
      .all();
    expect(open.filter((t) => t.kind === 'dispatch').map((t) => t.userId)).toContain(admin.user.id);
    expect(open.filter((t) => t.kind === 'request').map((t) => t.userId)).toEqual([officer.user.id]);
    expect(res.headers.get('location')).toBe(`/e?done=raised#${row?.code}`);
    expect(await (await call('/e', { cookie: b.cookie })).text()).toContain('申请研发费用加计扣除');
    for (let i = 2; i <= 5; i++) {
      expect((await postForm('/e', { category: 'other', description: `诉求${i}` }, { cookie: b.cookie })).status).toBe(303);
    }
    await storesNothing(async () => {
      const sixth = await postForm('/e', { category: 'other', description: '第六条' }, { cookie: b.cookie });
      expect(sixth.status).toBe(429);
      expect(await sixth.text()).toContain('第六条');
    });
  });

  it('a storage fault is a generic 503', async () => {
    const res = await callWith({ DB: brokenD1(RESET) }, '/e', { cookie: a.cookie });
    expect(res.status).toBe(503);
    expect(await res.text()).not.toMatch(/D1_ERROR|SELECT/);
  });
});
