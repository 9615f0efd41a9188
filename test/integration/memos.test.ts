import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { todos } from '../../schema/ledger-tables';
import { memos, problemEvents, problems } from '../../schema/memo-tables';
import { auditLog, users } from '../../schema/tables';
import { createApp } from '../../worker/app';
import { call, countRows, db, makeEnterprise, makeUnit, ORIGIN, signedIn } from '../fixtures';
import { memoForm, memoRow, pairedOfficer, postMemo, problemRow, today } from '../fixtures/memos';

const counts = async () => ({
  memos: await countRows('memos'),
  problems: await countRows('problems'),
  events: await countRows('problem_events'),
  audit: await countRows('audit_log'),
});

describe('the memo form', () => {
  it('renders a server-made memo id, only the officer’s own enterprises and one problem row', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const other = await makeEnterprise();
    const res = await call(`/memos/new?enterprise=${enterprise.id}`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<input type="hidden" name="id" value="[0-9a-f-]{36}"/);
    expect(html).toMatch(new RegExp(`<option value="${enterprise.id}" selected`));
    expect(html).not.toContain(other.id);
    expect(html).toContain('name="problems.0.category"');
    expect(html).not.toContain('name="problems.1.category"');
    expect(html).toContain('data-island="memo-draft"');
    // every mode and every category, in the programme's words
    for (const word of ['上门走访', '微信/网络', '座谈', '书信', '资金融资', '涉企执法检查', '审批证照注册']) expect(html).toContain(word);
  });

  it('adds a problem row without JavaScript: a round trip that keeps all input and stores nothing', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const before = await counts();
    const form = memoForm(enterprise.id, [problemRow({ description: '需要协调用地指标' })], { _action: 'add_problem' });
    const res = await postMemo(cookie, form);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="problems.1.category"');
    expect(html).not.toContain('name="problems.2.category"');
    expect(html).toContain('需要协调用地指标');
    expect(html).toContain(`value="${form.id}"`);
    expect(html).toContain('生产经营正常，新生产线正在调试。');
    expect(await counts()).toEqual(before);
  });

  it('is for officers: an admin gets 403', async () => {
    const { cookie } = await signedIn('admin');
    expect((await call('/memos/new', { cookie })).status).toBe(403);
  });
});

describe('storing a memo', () => {
  it('writes the memo, its problems with codes, their first events, their 待办 and the audit entry', async () => {
    const { cookie, enterprise, user } = await pairedOfficer();
    await signedIn('admin'); // at least one admin, to be given the 交办
    const lead = await makeUnit();
    const support = await makeUnit();
    const deadline = '2099-12-31';
    const form = memoForm(enterprise.id, [
      problemRow({ category: 'land', leadUnitId: lead.id, supportUnitIds: [lead.id, support.id], deadline, urgency: 'urgent' }),
      problemRow({ category: 'policy', description: '政策申报流程不清楚', onSpot: 'on' }),
      problemRow({ category: '', description: '', urgency: 'normal' }), // an untouched extra row is ignored
    ]);
    const res = await postMemo(cookie, form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/memos/${form.id}`);
    expect(await memoRow(String(form.id))).toMatchObject({ officerId: user.id, enterpriseId: enterprise.id, mode: 'onsite' });
    const rows = await db()
      .select()
      .from(problems)
      .where(eq(problems.memoId, String(form.id)))
      .all();
    expect(rows).toHaveLength(2);
    const code = /^W\d{8}-[A-Z2-7]{4}$/;
    const [open, solved] = [rows.find((p) => p.category === 'land'), rows.find((p) => p.category === 'policy')];
    // Born 待交办: the officer's unit and deadline are proposals (the deadline provisional) until the admin's 交办.
    expect(open).toMatchObject({
      status: 'pending',
      deadline,
      deadlineProvisional: true,
      urgency: 'urgent',
      proposedUnitId: lead.id,
      leadUnitId: null,
      officerId: user.id,
    });
    expect(JSON.parse(open?.supportUnitIds ?? '[]')).toEqual([lead.id, support.id]);
    expect(open?.code).toMatch(code);
    expect(open?.code.slice(1, 9)).toBe(today().replaceAll('-', ''));
    expect(solved).toMatchObject({ status: 'closed', solvedOnSpot: true, closedOn: today(), resolution: '现场解决' });
    for (const p of rows) {
      const events = await db().select().from(problemEvents).where(eq(problemEvents.problemId, p.id)).all();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: 'create', actorId: user.id, actorRole: 'officer', fromStatus: null, toStatus: p.status });
    }
    // In the same batch: a 交办 待办 for each admin, a 回访 待办 for the officer of the one solved on the spot.
    const openTodos = await db()
      .select()
      .from(todos)
      .where(eq(todos.problemId, open?.id ?? ''))
      .all();
    const admins = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
      .all();
    expect(openTodos.map((t) => [t.userId, t.kind, t.dueOn]).sort()).toEqual(admins.map((a) => [a.id, 'dispatch', deadline]).sort());
    expect(
      (
        await db()
          .select()
          .from(todos)
          .where(eq(todos.problemId, solved?.id ?? ''))
          .all()
      ).map((t) => [t.userId, t.kind]),
    ).toEqual([[user.id, 'follow_up']]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectId, String(form.id)))
      .all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ enterpriseId: enterprise.id, problems: 2 });
    const view = await (await call(`/memos/${form.id}`, { cookie })).text();
    expect(view).toContain(String(open?.code));
    expect(view).toContain('现场解决：现场解决');
  });

  it('refuses an enterprise not paired with the officer with 403 and stores nothing', async () => {
    const { cookie } = await pairedOfficer();
    const stranger = await makeEnterprise();
    const before = await counts();
    const res = await postMemo(cookie, memoForm(stranger.id, [problemRow()]));
    expect(res.status).toBe(403);
    const after = await counts();
    expect({ ...after, audit: before.audit }).toEqual(before); // only the refusal is audited
    const refusal = await db().select().from(auditLog).where(eq(auditLog.objectId, stranger.id)).get();
    expect(refusal?.action).toBe('forbidden');
  });

  it('refuses bad input with field messages and stores nothing', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const before = await counts();
    const bad = async (rows: Record<string, string>[], extra: Record<string, string> = {}) => {
      const res = await postMemo(cookie, memoForm(enterprise.id, rows, extra));
      expect(res.status).toBe(422);
      return res.text();
    };
    expect(await bad([problemRow({ category: 'bribery' })])).toMatch(/id="e-problems\.0\.category"[^>]*>请选择有效的选项/);
    expect(await bad([problemRow({ deadline: '2000-01-01' })])).toMatch(/id="e-problems\.0\.deadline"[^>]*>办结时限不能早于走访日期/);
    expect(await bad([problemRow(), problemRow({ description: '   ' })])).toMatch(/id="e-problems\.1\.description"[^>]*>此项必填/);
    expect(await bad([problemRow({ leadUnitId: crypto.randomUUID() })])).toMatch(/id="e-problems\.0\.leadUnitId"[^>]*>请选择有效的选项/);
    expect(await bad([], { visitDate: '2099-01-01' })).toContain('走访日期不能晚于今天');
    expect(await bad([], { mode: 'telepathy' })).toMatch(/id="e-mode"/);
    expect(await bad([problemRow()], { noRequest: 'on' })).toContain('已记录问题时不能勾选');
    expect(await bad([], { isAdmin: 'on' })).toContain('不认识的字段');
    expect(await bad([problemRow({ secret: 'x' })])).toContain('不认识的字段');
    // the input comes back
    expect(await bad([problemRow({ category: 'bribery', description: '保留我的输入' })])).toContain('保留我的输入');
    expect(await counts()).toEqual(before);
  });

  it('caps problem rows: 51 rows get 422 on problems, a 10,000-row body is stopped at 413', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const before = await counts();
    const many = Array.from({ length: 51 }, () => problemRow({ description: '问题' }));
    const res = await postMemo(cookie, memoForm(enterprise.id, many));
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="e-problems"[^>]*>一份备忘录最多记录 50 个问题/);
    const far = await postMemo(cookie, { ...memoForm(enterprise.id), 'problems.9999.description': '越界' });
    expect(far.status).toBe(422);
    const huge = Array.from({ length: 10_000 }, () => problemRow());
    expect((await postMemo(cookie, memoForm(enterprise.id, huge))).status).toBe(413);
    expect(await counts()).toEqual(before);
  });
});

describe('idempotency', () => {
  it('stores a memo posted twice once, and answers the repeat with the stored memo', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const form = memoForm(enterprise.id, [problemRow()]);
    const first = await postMemo(cookie, form);
    const again = await postMemo(cookie, form);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.get('location')).toBe(`/memos/${form.id}`);
    const stored = await db()
      .select()
      .from(memos)
      .where(eq(memos.id, String(form.id)))
      .all();
    expect(stored).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(problems)
        .where(eq(problems.memoId, String(form.id)))
        .all(),
    ).toHaveLength(1);
  });

  it('stores exactly one memo when the same memo is posted 20 times at once', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const form = memoForm(enterprise.id, [problemRow(), problemRow({ onSpot: 'on' })]);
    const results = await Promise.all(Array.from({ length: 20 }, () => postMemo(cookie, form)));
    for (const r of results) {
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe(`/memos/${form.id}`);
    }
    expect(
      await db()
        .select()
        .from(memos)
        .where(eq(memos.id, String(form.id)))
        .all(),
    ).toHaveLength(1);
    const rows = await db()
      .select()
      .from(problems)
      .where(eq(problems.memoId, String(form.id)))
      .all();
    expect(rows).toHaveLength(2);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectId, String(form.id)))
      .all();
    expect(audit).toHaveLength(1);
  });

  it('refuses another officer reusing a memo id with 409, and hides the memo from them (404)', async () => {
    const a = await pairedOfficer();
    const b = await pairedOfficer();
    const form = memoForm(a.enterprise.id, [problemRow()]);
    expect((await postMemo(a.cookie, form)).status).toBe(303);
    const reuse = await postMemo(b.cookie, { ...form, enterpriseId: b.enterprise.id });
    expect(reuse.status).toBe(409);
    expect(await memoRow(String(form.id))).toMatchObject({ officerId: a.user.id, enterpriseId: a.enterprise.id });
    expect((await call(`/memos/${form.id}`, { cookie: b.cookie })).status).toBe(404);
    expect((await call(`/memos/${crypto.randomUUID()}`, { cookie: a.cookie })).status).toBe(404);
    const { cookie: admin } = await signedIn('admin');
    expect((await call(`/memos/${form.id}`, { cookie: admin })).status).toBe(200);
  });
});

describe('storage failure', () => {
  it('leaves no memo, problem, event or audit entry when the last statement of the batch fails, and answers 503', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const form = memoForm(enterprise.id, [problemRow(), problemRow({ onSpot: 'on' })]);
    const before = await counts();
    // The same app with FAULT_INJECT set: a binding no deployment has (worker/env-faults.d.ts).
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const req = new Request(`${ORIGIN}/memos`, {
      method: 'POST',
      body,
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    const res = await createApp().fetch(req, { ...env, FAULT_INJECT: 'memo-last' });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('服务暂时不可用');
    expect(html).not.toMatch(/audit_log|INSERT|SQLITE|NOT NULL/);
    expect(await counts()).toEqual(before);
    expect(await memoRow(String(form.id))).toBeUndefined();
    // without the flag the same memo goes through
    expect((await postMemo(cookie, form)).status).toBe(303);
  });
});

describe('the officer home', () => {
  it('shows each enterprise with this month’s 三个一 and its open and overdue problems', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const card = async () => {
      const html = await (await call('/', { cookie })).text();
      expect(html).toContain('我的帮扶企业');
      expect(html).toContain('href="/memos/new"');
      return html.match(new RegExp(`<li class="card" data-enterprise="${enterprise.id}"[\\s\\S]*?</li>`))?.[0] ?? '';
    };
    expect(await card()).toContain('data-three-ones="unmet"');
    // a phone call with a problem: contact only, one open problem
    await postMemo(cookie, memoForm(enterprise.id, [problemRow()], { mode: 'phone' }));
    let html = await card();
    expect(html).toMatch(/data-rule="contact" data-ok="1"/);
    expect(html).toMatch(/data-rule="onsite" data-ok="0"/);
    expect(html).toMatch(/data-rule="solved" data-ok="0"/);
    expect(html).toContain('data-open="1" data-overdue="0"');
    // an old visit whose problem is past its deadline: overdue, and not this month's contact
    await postMemo(cookie, memoForm(enterprise.id, [problemRow({ deadline: '2020-02-01' })], { visitDate: '2020-01-10' }));
    expect(await card()).toContain('data-open="2" data-overdue="1"');
    // an on-site visit solving a problem on the spot completes the month
    await postMemo(cookie, memoForm(enterprise.id, [problemRow({ onSpot: 'on' })]));
    html = await card();
    expect(html).toContain('data-three-ones="met"');
    expect(html).toContain('data-open="2" data-overdue="1"');
  });

  it('counts a memo recording "no request" as the month’s third 一', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    await postMemo(cookie, memoForm(enterprise.id, [], { noRequest: 'on' }));
    const html = await (await call('/', { cookie })).text();
    const card = html.match(new RegExp(`<li class="card" data-enterprise="${enterprise.id}"[\\s\\S]*?</li>`))?.[0] ?? '';
    expect(card).toContain('data-three-ones="met"');
  });
});
