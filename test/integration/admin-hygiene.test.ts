// Issue 17, admin hygiene: a flash message after every successful action, shown once; destructive
// actions (停用, 解除结对, 重算) ask first on a page of their own that works without JavaScript and says
// what will happen; the admin home shows live numbers; the fixes found while testing.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chinaToday } from '../../schema/rules/china-time';
import { campaigns } from '../../schema/survey-tables';
import { assignments, programmes, units, users } from '../../schema/tables';
import { call, db, makeEnterprise, makeProgramme, makeUnit, makeUser, pair, postForm, signedIn } from '../fixtures';
import { addProblem } from '../fixtures/stats';
import { changed, tableCounts } from '../security/helpers';
import { answer, roundDesk, tokensOf } from './rounds.fixtures';

const flashCookie = (res: Response) => (res.headers.getSetCookie().find((c) => c.startsWith('__Host-flash=')) ?? '').split(';')[0] ?? '';

describe('flash messages', () => {
  it('follow a successful action to the next page, once', async () => {
    const { cookie } = await signedIn();
    const res = await postForm('/admin/units', { name: `闪存单位${Date.now()}` }, { cookie });
    expect(res.status).toBe(303);
    const flash = flashCookie(res);
    expect(flash).not.toBe('');
    expect(res.headers.getSetCookie().find((c) => c.startsWith('__Host-flash='))).toMatch(/HttpOnly; Secure; SameSite=Lax/i);
    const next = await call('/admin/units', { cookie: `${cookie}; ${flash}` });
    const html = await next.text();
    expect(html).toContain('<p class="notice flash" role="status">已保存。</p>');
    expect(next.headers.getSetCookie().find((c) => c.startsWith('__Host-flash='))).toMatch(/Max-Age=0/);
    expect(await (await call('/admin/units', { cookie })).text()).not.toContain('class="notice flash"');
  });

  it('name what the action did when it has its own message', async () => {
    const s = await roundDesk(3);
    const created = await s.create();
    const page = await call(created.res.headers.get('location') ?? '', { cookie: `${s.admin.cookie}; ${flashCookie(created.res)}` });
    expect(await page.text()).toContain('草稿已保存，抽中 3 家企业');
  });

  it('are not set by a refusal', async () => {
    const { cookie } = await signedIn();
    const res = await postForm('/admin/units', { name: '' }, { cookie });
    expect(res.status).toBe(422);
    expect(flashCookie(res)).toBe('');
  });

  it('ignore a cookie the app did not write, showing nothing', async () => {
    const { cookie } = await signedIn();
    for (const bad of ['%5B%22admin.title%22', '%5B%22no.such.key%22%2C%7B%7D%5D', '%3Cscript%3E']) {
      const html = await (await call('/admin/units', { cookie: `${cookie}; __Host-flash=${bad}` })).text();
      expect(html).not.toContain('class="notice flash"');
    }
  });
});

describe('停用 asks first', () => {
  it('on a page that says what it does and holds the POST form; the GET changes nothing', async () => {
    const { cookie } = await signedIn();
    const unit = await makeUnit();
    const officer = await makeUser({ role: 'officer', unitId: unit.id });
    const list = await (await call('/admin/officers', { cookie })).text();
    expect(list).toContain(`href="/admin/officers/${officer.id}/disable"`);
    const before = await tableCounts();
    const page = await call(`/admin/officers/${officer.id}/disable`, { cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('该干部立即退出登录');
    expect(html).toMatch(new RegExp(`<form method="post" action="/admin/officers/${officer.id}/disable"`));
    expect(changed(before, await tableCounts())).toEqual({});
    const done = await postForm(`/admin/officers/${officer.id}/disable`, {}, { cookie });
    expect(done.status).toBe(303);
    expect((await db().select().from(users).where(eq(users.id, officer.id)).get())?.disabled).toBe(true);
    const next = await (await call('/admin/officers', { cookie: `${cookie}; ${flashCookie(done)}` })).text();
    expect(next).toContain(`已停用“${officer.name}”。`);
  });

  it('for units, chains, enterprises, programmes and forms alike, each saying what it does', async () => {
    const { cookie } = await signedIn();
    const unit = await makeUnit();
    const enterprise = await makeEnterprise();
    const programme = await makeProgramme();
    const cases: [string, string][] = [
      [`/admin/units/${unit.id}/disable`, '不再出现在新建干部'],
      [`/admin/enterprises/${enterprise.id}/disable`, '不再参与新的调查抽样'],
      [`/admin/programmes/${programme.id}/disable`, '不再是当前行动'],
    ];
    for (const [path, effect] of cases) {
      const html = await (await call(path, { cookie })).text();
      expect(html, path).toContain(effect);
      expect(html, path).toContain('停用不会删除任何记录');
    }
    expect((await db().select().from(units).where(eq(units.id, unit.id)).get())?.disabled).toBe(false);
    expect((await call(`/admin/units/${crypto.randomUUID()}/disable`, { cookie })).status).toBe(404);
  });
});

describe('解除结对 asks first', () => {
  it('naming the officer, the enterprise and the programme, and what stays', async () => {
    const { cookie } = await signedIn();
    const programme = await makeProgramme();
    const officer = await makeUser({ role: 'officer' });
    const enterprise = await makeEnterprise();
    const pairing = await pair(programme.id, officer.id, enterprise.id, true);
    const list = await (await call(`/admin/assignments?programme=${programme.id}`, { cookie })).text();
    expect(list).toContain(`href="/admin/assignments/${pairing.id}/delete"`);
    const html = await (await call(`/admin/assignments/${pairing.id}/delete`, { cookie })).text();
    expect(html).toContain(`解除 ${officer.name} 与 ${enterprise.name} 在“${programme.name}”中的结对。`);
    expect(html).toContain('已记录的备忘录、问题和统计数据保留');
    expect(html).toContain('该干部是该企业的牵头干部');
    expect(await db().select().from(assignments).where(eq(assignments.id, pairing.id)).get()).toBeTruthy();
    const done = await postForm(`/admin/assignments/${pairing.id}/delete`, {}, { cookie });
    expect(done.status).toBe(303);
    expect(decodeURIComponent(flashCookie(done))).toContain('flash.unpaired');
  });
});

describe('重算 asks first', () => {
  it('saying what is rebuilt and that nothing raw changes', async () => {
    const { cookie } = await signedIn();
    const html = await (await call('/admin/stats/recompute', { cookie })).text();
    expect(html).toContain('重算只读取原始记录');
    expect(html).toContain('<form method="post" action="/admin/stats/recompute"');
  });
});

describe('the admin home', () => {
  it('shows the open rounds with their response rates and the ledger’s queues, each linking to its list', async () => {
    const s = await roundDesk(4);
    const id = await s.launched({ name: '首页批次' });
    const [first] = await tokensOf(id);
    await answer(id, first?.token ?? '');
    await s.create({ name: '首页草稿' });
    const officer = await makeUser({ role: 'officer' });
    const e = await makeEnterprise();
    const base = { programmeId: s.programme.id, enterpriseId: e.id, officerId: officer.id };
    await addProblem({ ...base, raisedOn: '2026-01-05', status: 'pending', deadline: '2026-01-20' });
    await addProblem({ ...base, raisedOn: '2026-01-05', status: 'in_progress', deadline: '2099-01-20' });
    await addProblem({ ...base, raisedOn: '2026-01-05', status: 'closed', followUp: 'satisfied', closedOn: '2026-01-10' });
    await addProblem({ ...base, raisedOn: '2026-01-05', status: 'closed', followUp: 'unsatisfied', closedOn: '2026-01-10' });
    await addProblem({
      ...base,
      raisedOn: '2026-01-05',
      status: 'struck_off',
      followUp: 'basically',
      closedOn: '2026-01-10',
      struckOffOn: '2026-01-11',
    });
    const html = await (await call('/admin', { cookie: s.admin.cookie })).text();
    expect(html).toContain('首页批次');
    expect(html).toMatch(/<strong>25\.0%<\/strong>/);
    const drafts = (await db().select().from(campaigns).where(eq(campaigns.status, 'draft')).all()).length;
    expect(drafts).toBeGreaterThan(0);
    expect(html).toContain(`草稿 ${drafts} 个`);
    expect(html).toContain('<a href="/problems?status=pending"><strong>1</strong> 待交办</a>');
    expect(html).toContain('<a href="/problems?status=closed"><strong>1</strong> 已回访、待销号</a>');
    expect(html).toContain('<a href="/problems?overdue=1"><strong>1</strong> 逾期未办结</a>');
    expect(chinaToday() > '2026-01-20').toBe(true);
  });

  it('counts 待销号 from its partial index, not from every closed problem', async () => {
    const { env } = await import('cloudflare:workers');
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT count(*) FROM problems INDEXED BY problems_awaiting_strike_off_idx
        WHERE status = 'closed' AND follow_up IN ('satisfied', 'basically')`,
    ).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toContain('problems_awaiting_strike_off_idx');
  });
});

describe('fixes found while testing', () => {
  it('the forms list heads its name column 表单名称', async () => {
    const { cookie } = await signedIn();
    const html = await (await call('/admin/forms', { cookie })).text();
    expect(html).toContain('<th scope="col">表单名称</th>');
    expect(html).not.toContain('<th scope="col">单位名称</th>');
  });

  it('the rounds list has a filled header, no "{from} 至 {to}"', async () => {
    const s = await roundDesk(1);
    await s.launched();
    const html = await (await s.get('/admin/rounds')).text();
    expect(html).toContain('<th scope="col">起止时间</th>');
    expect(html).not.toContain('{from}');
    expect(html).not.toContain('{to}');
  });

  it('a programme keeps its issuing office and help line', async () => {
    const { cookie } = await signedIn();
    const name = `落款行动${Date.now()}`;
    const res = await postForm(
      '/admin/programmes',
      { name, startsOn: '2026-01-01', endsOn: '2026-12-31', phase: 'evaluating', issuingOffice: '市场监管局', helpPhone: '0571-12345678' },
      { cookie },
    );
    expect(res.status).toBe(303);
    const row = await db().select().from(programmes).where(eq(programmes.name, name)).get();
    expect(row).toMatchObject({ issuingOffice: '市场监管局', helpPhone: '0571-12345678' });
    const edit = await (await call(`/admin/programmes/${row?.id}/edit`, { cookie })).text();
    expect(edit).toContain('value="市场监管局"');
    expect(
      (
        await postForm(
          '/admin/programmes',
          { name: `${name}2`, startsOn: '2026-01-01', endsOn: '2026-12-31', phase: 'evaluating', helpPhone: '电话' },
          { cookie },
        )
      ).status,
    ).toBe(422);
  });
});
