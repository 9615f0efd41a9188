// Issue 17: a personal link works only while its round is scheduled or open. A draft's links do not
// exist for anyone (the same 404 as a made-up token); a scheduled round's link says when it opens and
// opening it early does not count as 已打开; a closed or voided round's link says so and stores nothing.
// Every page of a real link names who is asking: the issuing office, its help line, the closing date.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chinaDateTime, chinaLocalInput } from '../../schema/rules/china-time';
import { campaignCounters, invitations } from '../../schema/survey-tables';
import { programmes } from '../../schema/tables';
import { call, db, postForm } from '../fixtures';
import { changed, tableCounts } from '../security/helpers';
import { answer, campaignRow, client, open, roundDesk, setTimes, tokensOf, VALID } from './rounds.fixtures';

const HOUR = 3600_000;
const opened = async (campaignId: string) => ({
  counter: (await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, campaignId)).get())?.opened,
  rows: (await db().select().from(invitations).where(eq(invitations.campaignId, campaignId)).all()).filter((i) => i.openedAt !== null)
    .length,
});

async function desk() {
  const s = await roundDesk(2);
  await db()
    .update(programmes)
    .set({ issuingOffice: '市生物医药产业链办公室', helpPhone: '0571-87001234' })
    .where(eq(programmes.id, s.programme.id));
  return s;
}

describe('a draft’s links', () => {
  it('answer like an unknown token: 404, no cookie, and nothing counted as opened', async () => {
    const s = await desk();
    const { id } = await s.create();
    const [link] = await tokensOf(id);
    const res = await call(`/s/${link?.token}`, { headers: client() });
    expect(res.status).toBe(404);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('__Host-sv='))).toBe(false);
    expect(await opened(id)).toEqual({ counter: 0, rows: 0 });
  });
});

describe('a scheduled round’s link', () => {
  it('says when it opens, sets the cookie, and does not count as opened; answers are refused (403), nothing stored', async () => {
    const s = await desk();
    const at = Math.ceil((Date.now() + 24 * HOUR) / 60_000) * 60_000;
    const id = await s.launched({}, chinaLocalInput(at));
    const [link] = await tokensOf(id);
    const { res, cookie } = await open(link?.token ?? '');
    expect(res.status).toBe(303);
    const page = await (await call('/s', { cookie })).text();
    expect(page).toContain('调查尚未开始');
    expect(page).toContain(`本次调查将于 ${chinaDateTime(at)} 开始`);
    expect(page).toContain('市生物医药产业链办公室发放');
    expect(await opened(id)).toEqual({ counter: 0, rows: 0 });
    const before = await tableCounts();
    expect((await postForm(`/s?round=${id}`, VALID, { cookie })).status).toBe(403);
    expect(changed(before, await tableCounts(), ['audit_log', 'throttles'])).toEqual({});
    // Once it opens, the first open counts.
    await setTimes(id, { opensAt: Date.now() - 1000 });
    await open(link?.token ?? '');
    expect(await opened(id)).toEqual({ counter: 1, rows: 1 });
  });
});

describe('an open round’s link', () => {
  it('shows the survey naming who asks, counts the open, and thanks naming who asks', async () => {
    const s = await desk();
    const id = await s.launched();
    const closes = chinaDateTime((await campaignRow(id))?.closesAt ?? 0);
    const [link] = await tokensOf(id);
    const { cookie } = await open(link?.token ?? '');
    const page = await (await call('/s', { cookie })).text();
    expect(page).toContain(`市生物医药产业链办公室发放 · 咨询电话 0571-87001234 · ${closes} 截止（北京时间）`);
    expect(await opened(id)).toEqual({ counter: 1, rows: 1 });
    const thanks = await postForm(`/s?round=${id}`, VALID, { cookie });
    expect(thanks.status).toBe(200);
    const text = await thanks.text();
    expect(text).toContain('提交成功');
    expect(text).toContain('市生物医药产业链办公室发放 · 咨询电话 0571-87001234');
  });

  it('leaves out what the programme has not set', async () => {
    const s = await roundDesk(1);
    const id = await s.launched();
    const [link] = await tokensOf(id);
    const { cookie } = await open(link?.token ?? '');
    const page = await (await call('/s', { cookie })).text();
    expect(page).not.toContain('发放 ·');
    expect(page).not.toContain('咨询电话');
    expect(page).toContain('截止（北京时间）');
  });
});

describe('a closed round’s link', () => {
  it('says the survey closed and refuses answers (403), nothing stored', async () => {
    const s = await desk();
    const id = await s.launched();
    const [link] = await tokensOf(id);
    const { cookie } = await open(link?.token ?? '');
    await s.post(`/admin/rounds/${id}/close`, { reason: '提前结束' });
    expect(await (await call('/s', { cookie })).text()).toContain('调查已结束');
    const before = await tableCounts();
    expect((await postForm(`/s?round=${id}`, VALID, { cookie })).status).toBe(403);
    expect(changed(before, await tableCounts(), ['audit_log', 'throttles'])).toEqual({});
  });
});

describe('a voided round’s link', () => {
  it('says the survey was cancelled and refuses answers by form (403) and by JSON (round_void), nothing stored', async () => {
    const s = await desk();
    const id = await s.launched();
    const [link, other] = await tokensOf(id);
    const { cookie } = await open(link?.token ?? '');
    await s.post(`/admin/rounds/${id}/void`, { reason: '抽样范围有误' });
    const page = await (await call('/s', { cookie })).text();
    expect(page).toContain('本次调查已取消');
    expect(page).toContain('咨询电话 0571-87001234');
    const fresh = await call(`/s/${other?.token}`, { headers: client() });
    expect(fresh.status).toBe(303);
    const before = await tableCounts();
    expect((await postForm(`/s?round=${id}`, VALID, { cookie })).status).toBe(403);
    const json = await call('/api/s', {
      method: 'POST',
      cookie,
      body: JSON.stringify({ answers: { contact_month: 'yes' } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(403);
    expect(((await json.json()) as { code: string }).code).toBe('round_void');
    expect(changed(before, await tableCounts(), ['audit_log', 'throttles'])).toEqual({});
    expect((await answer(id, other?.token ?? '')).status).toBe(403);
  });
});

describe('the invalid-link page', () => {
  it('names nobody: it is the same for every made-up token', async () => {
    const res = await call('/s/AAAAAAAAAAAAAAAAAAAAAAAA', { headers: client() });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain('咨询电话');
    expect(html).not.toContain('截止');
  });
});
