import { describe, expect, it } from 'vitest';
import { call, makeEnterprise, makeUnit, pair, signedIn } from '../fixtures';
import {
  eventsOf,
  memoForm,
  memoWithProblem,
  move,
  page,
  pairedOfficer,
  postMemo,
  problemRow,
  readProblemRow,
  theProgramme,
  today,
} from '../fixtures/memos';

const rowsOf = (html: string) => html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)?.length ?? 0;

describe('a problem’s life', () => {
  it('goes 未受理 → 办理中 → 已办结, reopens on 不满意, and is struck off after 满意, with an event per move', async () => {
    const { cookie, enterprise, user } = await pairedOfficer();
    const p = await memoWithProblem(cookie, enterprise.id, { deadline: '2099-01-31' });
    const ok = async (segment: string, data: Record<string, string> = {}) => {
      const res = await move(cookie, p.id, segment, data);
      expect(res.status, segment).toBe(303);
      expect(res.headers.get('location')).toBe(`/problems/${p.id}`);
    };
    await ok('accept', { note: '已转市国资委' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'in_progress' });
    await ok('progress', { note: '已与银行对接' });
    await ok('extend', { deadline: '2099-03-31', reason: '银行审批周期长' });
    expect(await readProblemRow(p.id)).toMatchObject({ deadline: '2099-01-31', extendedDeadline: '2099-03-31', progress: '已与银行对接' });
    await ok('close', { resolution: '已获贷款 500 万元' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'closed', closedOn: today(), resolution: '已获贷款 500 万元' });
    await ok('follow-up', { outcome: 'unsatisfied', note: '额度不足' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'in_progress', followUp: null, closedOn: null });
    await ok('close', { resolution: '追加授信 300 万元' });
    await ok('follow-up', { outcome: 'satisfied' });
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'closed', followUp: 'satisfied', followUpOn: today() });
    await ok('strike-off');
    expect(await readProblemRow(p.id)).toMatchObject({ struckOff: true, struckOffOn: today() });
    const events = await eventsOf(p.id);
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['create', null, 'pending'],
      ['accept', 'pending', 'in_progress'],
      ['progress', 'in_progress', 'in_progress'],
      ['extend', 'in_progress', 'in_progress'],
      ['close', 'in_progress', 'closed'],
      ['reopen', 'closed', 'in_progress'],
      ['close', 'in_progress', 'closed'],
      ['follow_up', 'closed', 'closed'],
      ['strike_off', 'closed', 'closed'],
    ]);
    expect(events.every((e) => e.actorId === user.id)).toBe(true);
    expect(JSON.parse(events[5]?.data ?? '{}')).toMatchObject({ followUp: 'unsatisfied' });
    expect(events[5]?.note).toBe('额度不足');
    const { html } = await page(cookie, `/problems/${p.id}`);
    expect(html).toContain('回访不满意，重新办理');
    expect(html).toContain('办结时限 2099-01-31 → 2099-03-31');
    expect(html).toContain('已销号');
    expect(html).not.toContain('data-action=');
  });

  it('refuses illegal moves with 409 and a clear message, changing nothing', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const p = await memoWithProblem(cookie, enterprise.id);
    const refused = async (segment: string, data: Record<string, string>, text: string) => {
      const res = await move(cookie, p.id, segment, data);
      expect(res.status, segment).toBe(409);
      expect(await res.text()).toContain(text);
    };
    await refused('close', { resolution: '已解决' }, '问题当前为“未受理”，不能“办结”');
    await refused('follow-up', { outcome: 'satisfied' }, '不能“记录回访”');
    await refused('strike-off', {}, '不能“销号”');
    expect((await move(cookie, p.id, 'accept')).status).toBe(303);
    await refused('accept', {}, '问题当前为“办理中”，不能“受理”');
    expect((await move(cookie, p.id, 'close', { resolution: '已解决' })).status).toBe(303);
    await refused('strike-off', {}, '不能“销号”'); // no follow-up yet
    await refused('extend', { deadline: '2099-01-01', reason: '再等等' }, '不能“申请延期”');
    expect((await move(cookie, p.id, 'follow-up', { outcome: 'basically' })).status).toBe(303);
    await refused('follow-up', { outcome: 'satisfied' }, '不能“记录回访”'); // one follow-up per round
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'closed', followUp: 'basically', struckOff: false });
    expect((await eventsOf(p.id)).length).toBe(4);
  });

  it('refuses bad values with 422 field messages: required texts, an earlier deadline, an unknown outcome', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const p = await memoWithProblem(cookie, enterprise.id, { deadline: '2099-06-30' });
    const bad = async (segment: string, data: Record<string, string>, pattern: RegExp) => {
      const res = await move(cookie, p.id, segment, data);
      expect(res.status, segment).toBe(422);
      expect(await res.text()).toMatch(pattern);
    };
    await bad('unresolvable', { reason: '  ' }, /id="e-reason"[^>]*>此项必填/);
    await bad('extend', { deadline: '2099-06-01', reason: '等待审批' }, /id="e-deadline"[^>]*>新的办结时限须晚于当前办结时限/);
    await bad('extend', { deadline: 'soon', reason: '等待审批' }, /id="e-deadline"/);
    await bad('progress', { note: '' }, /id="e-note"[^>]*>此项必填/);
    await bad('accept', { note: 'ok', extra: '1' }, /不认识的字段|id="e-extra"/);
    expect((await move(cookie, p.id, 'accept')).status).toBe(303);
    await bad('close', { resolution: '' }, /id="e-resolution"[^>]*>此项必填/);
    expect((await move(cookie, p.id, 'close', { resolution: '已解决' })).status).toBe(303);
    await bad('follow-up', { outcome: 'delighted' }, /id="e-outcome"[^>]*>请选择有效的选项/);
    expect((await eventsOf(p.id)).map((e) => e.kind)).toEqual(['create', 'accept', 'close']);
  });

  it('ends as 无法办理 with its explanation, after which nothing more can be done', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const p = await memoWithProblem(cookie, enterprise.id);
    expect((await move(cookie, p.id, 'unresolvable', { reason: '超出本级事权' })).status).toBe(303);
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'unresolvable', unresolvableReason: '超出本级事权' });
    expect((await move(cookie, p.id, 'accept')).status).toBe(409);
    expect((await move(cookie, p.id, 'close', { resolution: 'x' })).status).toBe(409);
  });

  it('lets exactly one of two officers acting at once succeed, with exactly one event', async () => {
    const { cookie, enterprise, programmeId } = await pairedOfficer();
    const colleague = await signedIn('officer');
    await pair(programmeId, colleague.user.id, enterprise.id, false);
    const p = await memoWithProblem(cookie, enterprise.id);
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => move(i % 2 ? colleague.cookie : cookie, p.id, 'accept', { note: `第 ${i} 次` })),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    expect((await eventsOf(p.id)).filter((e) => e.kind === 'accept')).toHaveLength(1);
    // concurrent progress notes (same status before and after) are guarded the same way: no orphan event
    const notes = await Promise.all(Array.from({ length: 6 }, (_, i) => move(cookie, p.id, 'progress', { note: `进展 ${i}` })));
    const stored = (await eventsOf(p.id)).filter((e) => e.kind === 'progress');
    expect(stored).toHaveLength(notes.filter((r) => r.status === 303).length);
    expect((await readProblemRow(p.id))?.progress).toBe(stored.at(-1)?.note);
  });
});

describe('who may see and move a problem', () => {
  it('answers another officer’s problem with 404 on read and write, and changes nothing', async () => {
    const a = await pairedOfficer();
    const b = await pairedOfficer();
    const p = await memoWithProblem(a.cookie, a.enterprise.id);
    expect((await call(`/problems/${p.id}`, { cookie: b.cookie })).status).toBe(404);
    expect((await move(b.cookie, p.id, 'accept')).status).toBe(404);
    expect((await move(b.cookie, p.id, 'unresolvable', { reason: 'x' })).status).toBe(404);
    expect(await readProblemRow(p.id)).toMatchObject({ status: 'pending' });
    expect(await eventsOf(p.id)).toHaveLength(1);
    expect((await call(`/problems/${crypto.randomUUID()}`, { cookie: a.cookie })).status).toBe(404);
    const admin = await signedIn('admin');
    expect((await call(`/problems/${p.id}`, { cookie: admin.cookie })).status).toBe(200);
    // a signed-out visitor is sent to log in
    expect((await call('/problems')).status).toBe(303);
  });

  it('shows only the forms the state allows', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    const p = await memoWithProblem(cookie, enterprise.id);
    const actions = (html: string) => [...html.matchAll(/data-action="(\w+)"/g)].map((m) => m[1]);
    expect(actions((await page(cookie, `/problems/${p.id}`)).html)).toEqual(['accept', 'progress', 'extend', 'unresolvable']);
    await move(cookie, p.id, 'accept');
    expect(actions((await page(cookie, `/problems/${p.id}`)).html)).toEqual(['progress', 'extend', 'close', 'unresolvable']);
    await move(cookie, p.id, 'close', { resolution: '已解决' });
    expect(actions((await page(cookie, `/problems/${p.id}`)).html)).toEqual(['follow_up']);
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
    // even naming the other enterprise in the filter reveals nothing
    expect((await page(a.cookie, `/problems?enterprise=${b.enterprise.id}`)).html).not.toContain(pb.code);
    const admin = await signedIn('admin');
    const all = (await page(admin.cookie, '/problems')).html;
    expect(all).toContain(pa.code);
    expect(all).toContain(pb.code);
    expect(all).toContain('href="/problems" aria-current="page"');
  });

  it('filters by status, overdue, category, unit, officer, chain, enterprise and period, and pages', async () => {
    const { cookie, enterprise, user } = await pairedOfficer();
    const unit = await makeUnit();
    const other = await makeEnterprise();
    await pair((await theProgramme()).id, user.id, other.id, false);
    const overdue = await memoWithProblem(cookie, enterprise.id, { category: 'land', deadline: '2099-01-01', leadUnitId: unit.id });
    const old = memoForm(other.id, [problemRow({ category: 'talent', deadline: '2020-03-01' })], { visitDate: '2020-02-01' });
    expect((await postMemo(cookie, old)).status).toBe(303);
    const count = async (q: string) => (await page(cookie, `/problems?${q}`)).html.match(/共 (\d+) 条/)?.[1];
    expect(await count('')).toBe('2');
    expect(await count('overdue=1')).toBe('1');
    expect(await count('category=land')).toBe('1');
    expect(await count(`unit=${unit.id}`)).toBe('1');
    expect(await count(`enterprise=${other.id}`)).toBe('1');
    expect(await count('from=2021-01-01')).toBe('1');
    expect(await count('to=2020-12-31')).toBe('1');
    expect(await count('status=closed')).toBe('0');
    expect(await count('status=nonsense&page=x')).toBe('2'); // a malformed filter widens, never errors
    await move(cookie, overdue.id, 'accept');
    expect(await count('status=in_progress')).toBe('1');
    const admin = await signedIn('admin');
    const byOfficer = await page(admin.cookie, `/problems?officer=${user.id}`);
    expect(byOfficer.html).toContain('共 2 条');
    expect((await page(admin.cookie, `/problems?chain=${crypto.randomUUID()}`)).html).toContain('共 0 条');
    for (let i = 0; i < 20; i++) await memoWithProblem(cookie, enterprise.id, { category: 'training' });
    const first = await page(cookie, '/problems?category=training');
    expect(first.html).toContain('共 20 条');
    expect(rowsOf(first.html)).toBe(20);
    const all = await page(cookie, '/problems?page=2');
    expect(rowsOf(all.html)).toBe(2);
    expect(all.html).toContain('逾期');
  });
});

void today;
