import { describe, expect, it } from 'vitest';
import { call, makeEnterprise, makeUnit, pair, signedIn } from '../fixtures';
import {
  dispatchTo,
  handlerOf,
  memoForm,
  memoWithProblem,
  move,
  page,
  pairedOfficer,
  postMemo,
  problemRow,
  surveyRound,
  theProgramme,
} from '../fixtures/memos';

describe('the enterprise file (帮扶档案)', () => {
  it('shows the profile, pairing, memos, problems and their events to the paired officer, printable', async () => {
    const { cookie, enterprise, user, unit } = await pairedOfficer();
    const colleague = await signedIn('officer');
    await pair((await theProgramme()).id, colleague.user.id, enterprise.id, false);
    const lead = await makeUnit('市国资委');
    const memo = memoForm(enterprise.id, [problemRow({ category: 'arrears', description: '政府项目尾款拖欠', leadUnitId: lead.id })], {
      businessSituation: '订单饱满，回款偏慢。',
    });
    expect((await postMemo(cookie, memo)).status).toBe(303);
    const p = await memoWithProblem(cookie, enterprise.id);
    await dispatchTo(p.id, lead.id);
    expect((await move((await handlerOf(lead.id)).cookie, p.id, 'accept', { note: '已转办' })).status).toBe(303);
    const { status, html } = await page(cookie, `/enterprises/${enterprise.id}`);
    expect(status).toBe(200);
    expect(html).toContain('<link rel="stylesheet" href="/assets/print.css" media="print"/>');
    expect(html).toContain(enterprise.creditCode);
    expect(html).toContain(user.name);
    expect(html).toContain(colleague.user.name);
    expect(html).toContain(unit.name);
    expect(html).toContain('订单饱满，回款偏慢。');
    expect(html).toContain(`href="/memos/${memo.id}"`);
    expect(html).toContain('政府项目尾款拖欠');
    expect(html).toContain('账款拖欠');
    expect(html).toContain('市国资委');
    expect(html).toContain(p.code);
    expect(html).toContain('已转办');
    // newest first: the acceptance and the 交办, then the second memo's problem and memo, then the first memo's
    const entries = [...html.matchAll(/data-entry="(\w+)"/g)].map((m) => m[1]);
    expect(entries).toEqual(['event', 'event', 'event', 'memo', 'event', 'memo']);
    expect(html.match(/data-entry="event"[\s\S]*?<\/li>/)?.[0]).toContain('已转办');
    expect(html).not.toContain('data-section="rounds"');
  });

  it('never tells an officer which survey rounds the enterprise was drawn for', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    await surveyRound(enterprise.id, '2026年第一批满意度调查', true);
    const { html } = await page(cookie, `/enterprises/${enterprise.id}`);
    expect(html).not.toContain('2026年第一批满意度调查');
    expect(html).not.toContain('参与的满意度调查');
  });

  it('shows admins the rounds it took part in, participation only', async () => {
    const { enterprise } = await pairedOfficer();
    await surveyRound(enterprise.id, '第一批调查', true);
    await surveyRound(enterprise.id, '第二批调查', false);
    const other = await makeEnterprise();
    await surveyRound(other.id, '别家的调查', true);
    const admin = await signedIn('admin');
    const { html } = await page(admin.cookie, `/enterprises/${enterprise.id}`);
    const rounds = html.match(/data-section="rounds"[\s\S]*?<\/section>/)?.[0] ?? '';
    expect(rounds).toMatch(/第一批调查[\s\S]*已提交/);
    expect(rounds).toMatch(/第二批调查[\s\S]*未提交/);
    expect(rounds).not.toContain('别家的调查');
  });

  it('answers 404 to an officer not paired with the enterprise, and for an unknown one', async () => {
    const { enterprise } = await pairedOfficer();
    const stranger = await pairedOfficer();
    expect((await call(`/enterprises/${enterprise.id}`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await call(`/enterprises/${crypto.randomUUID()}`, { cookie: stranger.cookie })).status).toBe(404);
    const admin = await signedIn('admin');
    expect((await call(`/enterprises/${crypto.randomUUID()}`, { cookie: admin.cookie })).status).toBe(404);
    expect((await call(`/enterprises/${enterprise.id}`)).status).toBe(303); // signed out: to the login page
  });

  it('escapes what people typed', async () => {
    const { cookie, enterprise } = await pairedOfficer();
    await postMemo(cookie, memoForm(enterprise.id, [], { nextSteps: '<script>alert(1)</script>' }));
    const { html } = await page(cookie, `/enterprises/${enterprise.id}`);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('<script>alert(1)');
  });
});
