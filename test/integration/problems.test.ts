// The supervised ledger through its routes (issue 15): a problem raised by an officer is dispatched by
// the admin to a unit, handled by the unit's handler, followed up by the officer and struck off by the
// admin; each move is one event with its role, and opens and closes its 待办. Refusals: 409 in the wrong
// state, 422 for bad values, nothing stored. Who may make which move: problem-roles.test.ts.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { todos } from '../../schema/ledger-tables';
import { problems } from '../../schema/memo-tables';
import { addDays } from '../../schema/rules/china-time';
import { addWorkingDays, MONDAY_TO_FRIDAY } from '../../schema/rules/working-days';
import { call, db, makeEnterprise, makeUnit, pair, postForm, signedIn } from '../fixtures';
import {
  dispatchTo,
  eventsOf,
  handlerOf,
  memoForm,
  memoWithProblem,
  move,
  openTodosOf,
  page,
  pairedOfficer,
  postMemo,
  problemRow,
  readProblemRow,
  theAdmin,
  theProgramme,
  today,
} from '../fixtures/memos';
import { changed, tableCounts } from '../security/helpers';

const ok = async (cookie: string, id: string, segment: string, data: Record<string, string | string[]> = {}) => {
  const res = await move(cookie, id, segment, data);
  expect(res.status, `${segment}: ${(await res.clone().text()).match(/role="alert"[^>]*>([^<]*)/)?.[1] ?? ''}`).toBe(303);
  expect(res.headers.get('location')).toBe(`/problems/${id}`);
};

describe('a problem’s life across three roles', () => {
  it('goes 待交办 → 已交办 → 办理中 → 已办结 → 已销号, each move an event with its role and its 待办', async () => {
    const officer = await pairedOfficer();
    const admin = await theAdmin();
    const unit = await makeUnit();
    const handler = await handlerOf(unit.id);
    // 资金融资: 15 working days by default in this programme (the programme default stays 30 days).
    const deadlines = await postForm(
      `/admin/deadlines?programme=${officer.programmeId}`,
      { defaultDays: '30', 'days.finance': '15' },
      { cookie: admin.cookie },
    );
    expect(deadlines.status).toBe(303);
    const fifteen = addWorkingDays(today(), 15, MONDAY_TO_FRIDAY);

    // The officer raises it and proposes the unit: 待交办, a provisional deadline, a 交办 待办 for the admin.
    const p = await memoWithProblem(officer.cookie, officer.enterprise.id, { leadUnitId: unit.id });
    expect(await readProblemRow(p.id)).toMatchObject({
      status: 'pending',
      leadUnitId: null,
      proposedUnitId: unit.id,
      deadline: fifteen,
      deadlineProvisional: true,
      source: 'memo',
    });
    expect((await openTodosOf(p.id))[admin.user.id]).toEqual(['dispatch']);
    // A unit sees nothing of a problem not yet dispatched to it.
    expect((await call(`/problems/${p.id}`, { cookie: handler.cookie })).status).toBe(404);

    // 交办 with the default deadline: 15 working days from today, no longer provisional.
    await dispatchTo(p.id, unit.id, { note: '请尽快对接银行' });
    expect(await readProblemRow(p.id)).toMatchObject({
      status: 'dispatched',
      leadUnitId: unit.id,
      deadline: fifteen,
      deadlineProvisional: false,
      dispatchedOn: today(),
      dispatchDays: 0,
    });
    expect(await openTodosOf(p.id)).toEqual({ [handler.user.id]: ['accept'] });
    const seen = await page(handler.cookie, `/problems/${p.id}`);
    expect(seen.status).toBe(200);
    expect(seen.html).toContain(officer.enterprise.name);
    expect(seen.html).not.toContain(`/memos/${p.memoId}`); // no memo, no enterprise file for a unit
    expect(seen.html).not.toContain(`/enterprises/${officer.enterprise.id}`);

    await ok(handler.cookie, p.id, 'accept', { note: '已受理' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'in_progress', acceptedOn: today(), acceptDays: 0 });
    await ok(handler.cookie, p.id, 'progress', { note: '已与银行对接' });

    // 申请延期 moves nothing until the admin approves.
    const later = addDays(fifteen, 20);
    await ok(handler.cookie, p.id, 'request-extension', { deadline: later, reason: '银行审批周期长' });
    expect(await readProblemRow(p.id)).toMatchObject({ deadline: fifteen, extendedDeadline: null, requestedDeadline: later });
    expect((await openTodosOf(p.id))[admin.user.id]).toEqual(['extension']);
    await ok(admin.cookie, p.id, 'approve-extension', { note: '同意' });
    expect(await readProblemRow(p.id)).toMatchObject({
      deadline: fifteen,
      extendedDeadline: later,
      extensionReason: '银行审批周期长',
      requestedDeadline: null,
    });

    await ok(handler.cookie, p.id, 'close', { resolution: '已获贷款 500 万元' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'closed', closedOn: today(), handlingDays: 0 });
    expect(await openTodosOf(p.id)).toEqual({ [officer.user.id]: ['follow_up'] });

    // 不满意 sends it back to the unit, without the old 办理结果.
    await ok(officer.cookie, p.id, 'follow-up', { outcome: 'unsatisfied', note: '额度不足' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'in_progress', followUp: null, closedOn: null, resolution: '' });
    expect(await openTodosOf(p.id)).toEqual({ [handler.user.id]: ['handle'] });
    await ok(handler.cookie, p.id, 'close', { resolution: '追加授信 300 万元' });
    await ok(officer.cookie, p.id, 'follow-up', { outcome: 'satisfied' });
    expect((await openTodosOf(p.id))[admin.user.id]).toEqual(['strike_off']);
    await ok(admin.cookie, p.id, 'strike-off', { note: '' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'struck_off', struckOffOn: today(), followUp: 'satisfied' });
    expect(await openTodosOf(p.id)).toEqual({});

    const events = await eventsOf(p.id);
    expect(events.map((e) => [e.kind, e.actorRole, e.fromStatus, e.toStatus])).toEqual([
      ['create', 'officer', null, 'pending'],
      ['dispatch', 'admin', 'pending', 'dispatched'],
      ['accept', 'lead', 'dispatched', 'in_progress'],
      ['progress', 'lead', 'in_progress', 'in_progress'],
      ['request_extension', 'lead', 'in_progress', 'in_progress'],
      ['approve_extension', 'admin', 'in_progress', 'in_progress'],
      ['close', 'lead', 'in_progress', 'closed'],
      ['reopen', 'officer', 'closed', 'in_progress'],
      ['close', 'lead', 'in_progress', 'closed'],
      ['follow_up', 'officer', 'closed', 'closed'],
      ['strike_off', 'admin', 'closed', 'struck_off'],
    ]);
    expect(events.map((e) => e.actorId)).toEqual([
      officer.user.id,
      admin.user.id,
      ...Array(2).fill(handler.user.id),
      handler.user.id,
      admin.user.id,
      handler.user.id,
      officer.user.id,
      handler.user.id,
      officer.user.id,
      admin.user.id,
    ]);
    // The whole timeline on the problem page: who, in which role, what, from → to, the note.
    const { html } = await page(officer.cookie, `/problems/${p.id}`);
    expect(html).toContain('（链办）</span> 交办');
    expect(html).toContain('（主办单位）</span> 受理');
    expect(html).toContain(`办结时限 ${fifteen} → ${later}`);
    expect(html).toContain('回访不满意，退回重新办理');
    expect(html).toContain('已销号');
    expect(html).not.toContain('data-action=');
  });

  it('ends as 确认无法办理 (closed, not resolved), or is transferred to another unit, which then holds it', async () => {
    const officer = await pairedOfficer();
    const admin = await theAdmin();
    const [u1, u2] = [await makeUnit(), await makeUnit()];
    const [h1, h2] = [await handlerOf(u1.id), await handlerOf(u2.id)];
    const a = await memoWithProblem(officer.cookie, officer.enterprise.id);
    await dispatchTo(a.id, u1.id);
    await ok(h1.cookie, a.id, 'accept');
    await ok(h1.cookie, a.id, 'unresolvable', { reason: '超出本级事权' });
    expect((await openTodosOf(a.id))[admin.user.id]).toEqual(['confirm']);
    await ok(admin.cookie, a.id, 'confirm-unresolvable', { note: '同意' });
    expect(await readProblemRow(a.id)).toMatchObject({ status: 'unresolved', closedOn: today(), unresolvableReason: '超出本级事权' });
    expect((await move(h1.cookie, a.id, 'close', { resolution: 'x' })).status).toBe(409);

    const b = await memoWithProblem(officer.cookie, officer.enterprise.id);
    await dispatchTo(b.id, u1.id);
    await ok(h1.cookie, b.id, 'accept');
    await ok(h1.cookie, b.id, 'unresolvable', { reason: '应由市场监管局办理' });
    await ok(admin.cookie, b.id, 'transfer', { leadUnitId: u2.id, reason: '职责调整，转市场监管局' });
    expect(await readProblemRow(b.id)).toMatchObject({ status: 'dispatched', leadUnitId: u2.id, acceptedOn: null });
    expect(await openTodosOf(b.id)).toEqual({ [h2.user.id]: ['accept'] });
    expect((await call(`/problems/${b.id}`, { cookie: h1.cookie })).status).toBe(404); // no longer theirs
    await ok(h2.cookie, b.id, 'accept');
    const transfer = (await eventsOf(b.id)).find((e) => e.kind === 'transfer');
    expect(transfer).toMatchObject({
      fromStatus: 'unresolvable',
      toStatus: 'dispatched',
      note: '职责调整，转市场监管局',
      actorRole: 'admin',
    });
  });

  it('lets a 协办 unit see the problem and add notes, and nothing more', async () => {
    const officer = await pairedOfficer();
    const [lead, support] = [await makeUnit(), await makeUnit()];
    const helper = await handlerOf(support.id);
    const p = await memoWithProblem(officer.cookie, officer.enterprise.id);
    await dispatchTo(p.id, lead.id, { supportUnitIds: [support.id] });
    const html = (await page(helper.cookie, `/problems/${p.id}`)).html;
    expect([...html.matchAll(/data-action="(\w+)"/g)].map((m) => m[1])).toEqual(['note']);
    await ok(helper.cookie, p.id, 'note', { note: '可协调产业基金' });
    expect((await move(helper.cookie, p.id, 'accept')).status).toBe(403);
    expect((await eventsOf(p.id)).at(-1)).toMatchObject({ kind: 'note', actorRole: 'support', note: '可协调产业基金' });
    expect((await readProblemRow(p.id))?.status).toBe('dispatched');
  });
});

describe('refusals store nothing', () => {
  it('answer a move the state does not allow with 409 and a clear message', async () => {
    const officer = await pairedOfficer();
    const admin = await theAdmin();
    const unit = await makeUnit();
    const handler = await handlerOf(unit.id);
    const p = await memoWithProblem(officer.cookie, officer.enterprise.id);
    const refused = async (cookie: string, segment: string, data: Record<string, string>, text: string) => {
      const before = await tableCounts();
      const res = await move(cookie, p.id, segment, data);
      expect(res.status, segment).toBe(409);
      expect(await res.text()).toContain(text);
      expect(changed(before, await tableCounts())).toEqual({});
    };
    await refused(admin.cookie, 'strike-off', {}, '问题当前为“待交办”，不能“销号”');
    await refused(admin.cookie, 'supervise', { note: 'x', respondBy: addDays(today(), 3) }, '不能“督办”');
    await dispatchTo(p.id, unit.id);
    await refused(admin.cookie, 'dispatch', { leadUnitId: unit.id }, '问题当前为“已交办”，不能“交办”');
    await refused(handler.cookie, 'close', { resolution: '已解决' }, '问题当前为“已交办”，不能“办结”');
    await refused(admin.cookie, 'approve-extension', {}, '不能“同意延期”'); // nothing asked
    await ok(handler.cookie, p.id, 'accept');
    await refused(handler.cookie, 'accept', {}, '问题当前为“办理中”，不能“受理”');
    await refused(officer.cookie, 'follow-up', { outcome: 'satisfied' }, '不能“记录回访”');
    await ok(handler.cookie, p.id, 'close', { resolution: '已解决' });
    await refused(admin.cookie, 'strike-off', {}, '不能“销号”'); // no 回访 yet
    await ok(officer.cookie, p.id, 'follow-up', { outcome: 'basically' });
    await refused(officer.cookie, 'follow-up', { outcome: 'satisfied' }, '不能“记录回访”'); // one per round
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'closed', followUp: 'basically' });
  });

  it('answer bad values with 422 field messages: dates not later, units not in use, the wrong 责任人', async () => {
    const officer = await pairedOfficer();
    const admin = await theAdmin();
    const [unit, other] = [await makeUnit(), await makeUnit()];
    const handler = await handlerOf(unit.id);
    const stranger = await handlerOf(other.id);
    const p = await memoWithProblem(officer.cookie, officer.enterprise.id);
    const bad = async (cookie: string, segment: string, data: Record<string, string | string[]>, pattern: RegExp) => {
      const before = await tableCounts();
      const res = await move(cookie, p.id, segment, data);
      expect(res.status, segment).toBe(422);
      expect(await res.text()).toMatch(pattern);
      expect(changed(before, await tableCounts()), segment).toEqual({});
    };
    await bad(admin.cookie, 'dispatch', { leadUnitId: unit.id, deadline: today() }, /id="e-deadline"[^>]*>办结时限须晚于今天/);
    await bad(admin.cookie, 'dispatch', { leadUnitId: unit.id, deadline: '2026-02-30' }, /id="e-deadline"/);
    await bad(admin.cookie, 'dispatch', { leadUnitId: crypto.randomUUID() }, /id="e-leadUnitId"[^>]*>请选择有效的选项/);
    await bad(admin.cookie, 'dispatch', { leadUnitId: unit.id, assigneeId: stranger.user.id }, /id="e-assigneeId"[^>]*>责任人须为主办单位/);
    await bad(admin.cookie, 'dispatch', { leadUnitId: unit.id, supportUnitIds: [unit.id] }, /主办单位不能同时作为协办单位/);
    await dispatchTo(p.id, unit.id, { assigneeId: handler.user.id, deadline: addDays(today(), 10) });
    expect(await readProblemRow(p.id)).toMatchObject({ assigneeId: handler.user.id, deadline: addDays(today(), 10) });
    await bad(
      handler.cookie,
      'request-extension',
      { deadline: addDays(today(), 10), reason: '等待审批' },
      /id="e-deadline"[^>]*>新的办结时限须晚于当前办结时限/,
    );
    await bad(handler.cookie, 'request-extension', { deadline: addDays(today(), 40), reason: ' ' }, /id="e-reason"[^>]*>此项必填/);
    await bad(admin.cookie, 'supervise', { note: '加快', respondBy: addDays(today(), -1) }, /id="e-respondBy"[^>]*>日期不能早于今天/);
    await bad(admin.cookie, 'transfer', { leadUnitId: unit.id, reason: '换' }, /转办须选择另一个主办单位/);
    await bad(handler.cookie, 'accept', { note: 'ok', extra: '1' }, /不认识的字段|extra/);
    expect((await eventsOf(p.id)).map((e) => e.kind)).toEqual(['create', 'dispatch']);
  });

  it('lets exactly one of two handlers acting at once succeed, with exactly one event', async () => {
    const officer = await pairedOfficer();
    const unit = await makeUnit();
    const [a, b] = [await handlerOf(unit.id), await handlerOf(unit.id)];
    const p = await memoWithProblem(officer.cookie, officer.enterprise.id);
    await dispatchTo(p.id, unit.id);
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => move(i % 2 ? b.cookie : a.cookie, p.id, 'accept', { note: `第 ${i} 次` })),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    expect((await eventsOf(p.id)).filter((e) => e.kind === 'accept')).toHaveLength(1);
    // The 受理 待办 of both handlers, closed by the one accept; none opened twice.
    const accepts = (await db().select().from(todos).where(eq(todos.problemId, p.id)).all()).filter((t) => t.kind === 'accept');
    expect(accepts.map((t) => t.userId).sort()).toEqual([a.user.id, b.user.id].sort());
    expect(accepts.every((t) => t.closedAt !== null)).toBe(true);
    const notes = await Promise.all(Array.from({ length: 6 }, (_, i) => move(a.cookie, p.id, 'progress', { note: `进展 ${i}` })));
    const stored = (await eventsOf(p.id)).filter((e) => e.kind === 'progress');
    expect(stored).toHaveLength(notes.filter((r) => r.status === 303).length);
    expect((await readProblemRow(p.id))?.progress).toBe(stored.at(-1)?.note);
  });
});

describe('who sees what', () => {
  it('hides another officer’s and another unit’s problem (404), and a unit sees no memo, file or figure', async () => {
    const a = await pairedOfficer();
    const b = await pairedOfficer();
    const [unit, other] = [await makeUnit(), await makeUnit()];
    const handler = await handlerOf(unit.id);
    const stranger = await handlerOf(other.id);
    const p = await memoWithProblem(a.cookie, a.enterprise.id);
    await dispatchTo(p.id, unit.id);
    expect((await call(`/problems/${p.id}`, { cookie: b.cookie })).status).toBe(404);
    expect((await call(`/problems/${p.id}`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await move(stranger.cookie, p.id, 'accept')).status).toBe(404);
    expect((await call(`/problems/${p.id}`, { cookie: handler.cookie })).status).toBe(200);
    expect((await call(`/memos/${p.memoId}`, { cookie: handler.cookie })).status).toBe(404);
    expect((await call(`/enterprises/${a.enterprise.id}`, { cookie: handler.cookie })).status).toBe(404);
    expect((await call('/stats/mine', { cookie: handler.cookie })).status).toBe(403);
    expect((await call('/memos/new', { cookie: handler.cookie })).status).toBe(403);
    expect((await call('/admin', { cookie: handler.cookie })).status).toBe(403);
    expect((await readProblemRow(p.id))?.status).toBe('dispatched');
  });

  it('lists a unit its own problems as cards, 督办 first and in red, and the 督办通知单 lists them for the admin', async () => {
    const officer = await pairedOfficer();
    const admin = await theAdmin();
    const unit = await makeUnit('市场监管局（通知单）');
    const handler = await handlerOf(unit.id);
    const first = await memoWithProblem(officer.cookie, officer.enterprise.id, { description: '第一件：用地' });
    const second = await memoWithProblem(officer.cookie, officer.enterprise.id, { description: '第二件：融资' });
    const elsewhere = await memoWithProblem(officer.cookie, officer.enterprise.id, { description: '别的单位的问题' });
    await dispatchTo(first.id, unit.id);
    await dispatchTo(second.id, unit.id);
    await dispatchTo(elsewhere.id, (await makeUnit()).id);
    await ok(admin.cookie, first.id, 'supervise', { note: '企业反映强烈，请加快办理', respondBy: addDays(today(), 5) });
    expect((await openTodosOf(first.id))[handler.user.id]).toEqual(expect.arrayContaining(['accept', 'supervised']));
    const list = (await page(handler.cookie, '/problems')).html;
    expect(list).not.toContain('<table');
    expect(list).not.toContain(elsewhere.code);
    const cards = [...list.matchAll(/data-problem="([0-9a-f-]{36})"( data-supervised="1")?/g)].map((m) => [m[1], Boolean(m[2])]);
    expect(cards).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    const home = (await page(handler.cookie, '/')).html;
    expect(home).toContain(`data-todo="supervised"`);
    expect(home).toContain(first.code);
    const notice = await page(admin.cookie, `/admin/notice/${unit.id}`);
    expect(notice.status).toBe(200);
    expect(notice.html).toContain('督办通知单');
    expect(notice.html).toContain('市场监管局（通知单）');
    expect(notice.html).toContain('企业反映强烈，请加快办理');
    expect(notice.html).toContain(first.code);
    expect(notice.html).not.toContain(second.code); // neither overdue nor supervised
    expect(notice.html).toContain(today());
    expect((await call(`/admin/notice/${unit.id}`, { cookie: handler.cookie })).status).toBe(403);
  });
});

describe('the ledger', () => {
  it('shows officers their enterprises’ problems only, and admins all of them', async () => {
    const a = await pairedOfficer();
    const b = await pairedOfficer();
    const pa = await memoWithProblem(a.cookie, a.enterprise.id);
    const pb = await memoWithProblem(b.cookie, b.enterprise.id);
    const mine = (await page(a.cookie, '/problems')).html;
    expect(mine).toContain(pa.code);
    expect(mine).not.toContain(pb.code);
    expect((await page(a.cookie, `/problems?enterprise=${b.enterprise.id}`)).html).not.toContain(pb.code);
    const all = (await page((await theAdmin()).cookie, '/problems')).html;
    expect(all).toContain(pa.code);
    expect(all).toContain(pb.code);
    expect(all).toContain('href="/problems" aria-current="page"');
    expect((await call('/problems')).status).toBe(303);
  });

  it('dispatches several 待交办 problems at once, each with its category’s default deadline', async () => {
    const officer = await pairedOfficer();
    const admin = await theAdmin();
    const unit = await makeUnit();
    const handler = await handlerOf(unit.id);
    const form = memoForm(officer.enterprise.id, [problemRow({ category: 'land' }), problemRow({ category: 'talent' })]);
    expect((await postMemo(officer.cookie, form)).status).toBe(303);
    const raised = await db()
      .select()
      .from(problems)
      .where(eq(problems.memoId, String(form.id)))
      .all();
    expect(raised).toHaveLength(2);
    const pending = (await page(admin.cookie, '/problems?status=pending')).html;
    expect(pending).toContain('form="bulk-dispatch"');
    const none = await postForm('/problems/dispatch', { leadUnitId: unit.id }, { cookie: admin.cookie });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请勾选要交办的问题');
    const res = await postForm(
      '/problems/dispatch',
      { ids: raised.map((r) => r.id), leadUnitId: unit.id, note: '批量交办' },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(303);
    for (const r of raised) {
      // No category entry in this file's programme: the programme default, 30 days from today.
      expect(await readProblemRow(r.id)).toMatchObject({ status: 'dispatched', leadUnitId: unit.id, deadline: addDays(today(), 30) });
      expect((await openTodosOf(r.id))[handler.user.id]).toEqual(['accept']);
    }
    // A second bulk 交办 of the same problems is refused: they are no longer 待交办.
    const again = await postForm('/problems/dispatch', { ids: raised.map((r) => r.id), leadUnitId: unit.id }, { cookie: admin.cookie });
    expect(again.status).toBe(422);
    expect(
      (await postForm('/problems/dispatch', { ids: [raised[0]?.id ?? ''], leadUnitId: unit.id }, { cookie: officer.cookie })).status,
    ).toBe(403);
  });

  it('filters by state, overdue, 交办超时, 督办, category, unit, officer, chain, enterprise and period, and pages', async () => {
    const { cookie, enterprise, user } = await pairedOfficer();
    const admin = await theAdmin();
    const unit = await makeUnit();
    const other = await makeEnterprise();
    await pair((await theProgramme()).id, user.id, other.id, false);
    const overdue = await memoWithProblem(cookie, enterprise.id, { category: 'land', deadline: today() });
    const old = memoForm(other.id, [problemRow({ category: 'talent', deadline: '2020-03-01' })], { visitDate: '2020-02-01' });
    expect((await postMemo(cookie, old)).status).toBe(303);
    await dispatchTo(overdue.id, unit.id);
    await db()
      .update(problems)
      .set({ deadline: addDays(today(), -1) })
      .where(eq(problems.id, overdue.id));
    const count = async (q: string, who = cookie) => (await page(who, `/problems?${q}`)).html.match(/共 (\d+) 条/)?.[1];
    expect(await count('')).toBe('2');
    expect(await count('overdue=1')).toBe('2'); // the 2020 one waits for dispatch past its provisional deadline too
    expect(await count('late=1', admin.cookie)).toBe('1'); // raised in 2020, still 待交办
    expect(await count('category=land')).toBe('1');
    expect(await count(`unit=${unit.id}`)).toBe('1');
    expect(await count(`enterprise=${other.id}`)).toBe('1');
    expect(await count('from=2021-01-01')).toBe('1');
    expect(await count('to=2020-12-31')).toBe('1');
    expect(await count('status=pending')).toBe('1');
    expect(await count('status=nonsense&page=x')).toBe('2'); // a malformed filter widens, never errors
    await ok(admin.cookie, overdue.id, 'supervise', { note: '逾期，请加快', respondBy: today() });
    expect(await count('supervised=1')).toBe('1');
    expect(await count(`officer=${user.id}`, admin.cookie)).toBe('2');
    expect(await count(`chain=${crypto.randomUUID()}`, admin.cookie)).toBe('0');
    for (let i = 0; i < 20; i++) await memoWithProblem(cookie, enterprise.id, { category: 'training' });
    const rowsOf = (html: string) => html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)?.length ?? 0;
    expect(rowsOf((await page(cookie, '/problems?category=training')).html)).toBe(20);
    const second = await page(cookie, '/problems?page=2');
    expect(rowsOf(second.html)).toBe(2);
    expect((await page(cookie, '/problems')).html).toMatch(/督办[\s\S]*逾期/); // the supervised one tops the list
  });

  it('shows a signed-out visitor the login, and an admin a default deadline on the 交办 form', async () => {
    const officer = await pairedOfficer();
    const p = await memoWithProblem(officer.cookie, officer.enterprise.id, { category: 'policy' });
    const admin = await signedIn('admin');
    const html = (await page(admin.cookie, `/problems/${p.id}`)).html;
    expect(html).toContain(`今天交办为 ${addDays(today(), 30)}`);
    expect([...html.matchAll(/data-action="(\w+)"/g)].map((m) => m[1])).toEqual(['dispatch']);
  });
});
