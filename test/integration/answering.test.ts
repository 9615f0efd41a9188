import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { answers, campaignCounters, invitations, optionCounts, responses } from '../../schema/survey-tables';
import { call, db, postForm } from '../fixtures';
import { callWith, formBody } from '../security/helpers';
import { client, makeRound, open, ready, stored, VALID } from './rounds.fixtures';

describe('opening a personal link', () => {
  it('swaps the token for a __Host- cookie and redirects to the clean URL, counting the first open once', async () => {
    const { links, campaignId } = await makeRound();
    const link = links[0] as { id: string; token: string };
    const first = await open(link.token);
    expect(first.res.status).toBe(303);
    expect(first.res.headers.get('location')).toBe('/s');
    expect(first.set).toMatch(/HttpOnly/);
    expect(first.set).toMatch(/Secure/);
    expect(first.set).toMatch(/SameSite=Lax/);
    expect(first.set).toMatch(/Path=\//);
    expect(first.set).not.toMatch(/Domain=/);
    await open(link.token);
    const inv = await db().select().from(invitations).where(eq(invitations.id, link.id)).get();
    expect(inv?.openedAt).toBeTypeOf('number');
    expect((await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, campaignId)).get())?.opened).toBe(1);

    const page = await call('/s', { cookie: first.cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(`action="/s?round=${campaignId}"`);
    expect(html).toContain('帮扶满意度调查表');
    expect(html).not.toContain(link.token);
  });

  it('answers malformed, unknown and over-long tokens with the same 404 page', async () => {
    const bodies = [];
    for (const token of ['abc', '%3Cscript%3E', 'A'.repeat(24), 'x'.repeat(5000), 'a/b']) {
      const res = await call(`/s/${token}`, { headers: client() });
      expect(res.status, token.slice(0, 30)).toBe(404);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('__Host-sv='))).toBe(false);
      bodies.push(await res.text());
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('链接无效');
    expect((await call('/s')).status).toBe(404);
  });

  it('throttles the 31st bad token in a minute, while a valid link still works', async () => {
    const { links } = await makeRound();
    const link = links[0] as { token: string };
    const headers = client();
    for (let i = 0; i < 29; i++) expect((await call(`/s/bad${i}`, { headers })).status).toBe(404);
    // A forged cookie is a guess too: it counts against the same client.
    expect((await call('/s', { headers, cookie: `__Host-sv=${'B'.repeat(24)}` })).status).toBe(404);
    expect((await call('/s/bad-31', { headers })).status).toBe(429);
    expect((await call(`/s/${link.token}`, { headers })).status).toBe(303);
  });
});

describe('submitting', () => {
  it('stores exactly the response, its answers, the option counts and the counters, in one go', async () => {
    const r = await ready();
    const res = await r.submit({ ...VALID, attitude: '2', reason: '响应慢' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('提交成功');
    expect(html).toContain(`data-done="${r.campaignId}"`);
    const [response, ...more] = await db().select().from(responses).where(eq(responses.campaignId, r.campaignId)).all();
    expect(more).toHaveLength(0);
    expect(response).toMatchObject({ invitationId: r.link.id, formVersionId: r.formVersionId });
    // The batch fills in the seconds since the link was first opened (submit-sql.ts).
    const meta = JSON.parse(response?.clientMeta ?? '{}');
    expect(meta).toMatchObject({ via: 'form', js: false, ua: 'unknown' });
    expect(Number.isInteger(meta.seconds) && meta.seconds >= 0 && meta.seconds < 60).toBe(true);
    const rows = await db()
      .select({ k: answers.questionKey, n: answers.numValue, t: answers.textValue })
      .from(answers)
      .where(eq(answers.responseId, response?.id ?? ''))
      .all();
    expect(rows).toEqual([
      { k: 'contact_month', n: 1, t: null },
      { k: 'onsite_month', n: 0, t: null },
      { k: 'attitude', n: 2, t: null },
      { k: 'responsiveness', n: 4, t: null },
      { k: 'effectiveness', n: 3, t: null },
      { k: 'policy_help', n: null, t: 'na' },
      { k: 'integrity', n: 5, t: null },
      { k: 'overall', n: 4, t: null },
      { k: 'reason', n: null, t: '响应慢' },
      { k: 'suggestions', n: null, t: '希望加快审批' },
    ]);
    const counts = await db().select().from(optionCounts).where(eq(optionCounts.campaignId, r.campaignId)).all();
    expect(counts.map((c) => `${c.questionKey}=${c.option}:${c.count}`).sort()).toEqual(
      [
        'attitude=2:1',
        'contact_month=1:1',
        'effectiveness=3:1',
        'integrity=5:1',
        'onsite_month=0:1',
        'overall=4:1',
        'policy_help=na:1',
        'responsiveness=4:1',
      ].sort(),
    );
    expect(await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, r.campaignId)).get()).toMatchObject({
      invited: 1,
      opened: 1,
      submitted: 1,
    });
    expect((await db().select().from(invitations).where(eq(invitations.id, r.link.id)).get())?.submittedAt).toBeTypeOf('number');
  });

  it('stores a valid submission in one D1 round trip once the isolate knows the round', async () => {
    const r = await ready(); // opening the link read and cached the round's form definition
    const calls: string[] = [];
    const counted = new Proxy(env.DB, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === 'batch' || prop === 'prepare' || prop === 'exec') calls.push(String(prop));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const warm = await callWith({ DB: counted }, `/s?round=${r.campaignId}`, {
      method: 'POST',
      cookie: r.cookie,
      body: formBody(VALID),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(warm.status).toBe(200);
    // The round's form version id (first submission to this round in the isolate), then the batch,
    // which checks the link itself: no invitation lookup.
    expect(calls.filter((c) => c === 'batch')).toHaveLength(1);
    // Eight batch statements (six writes, the respondent's audit row (issue 13), then who is asking for the thank-you page) + the round's form id.
    expect(calls.filter((c) => c === 'prepare').length).toBe(9);
    expect((await stored(r.campaignId)).responses).toBe(1);
  });

  it('refuses a second submission with the already-answered page (409) and keeps one response', async () => {
    const r = await ready();
    expect((await r.submit(VALID)).status).toBe(200);
    const again = await r.submit(VALID);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('您已提交过本次调查');
    expect((await r.postJson({ answers: { contact_month: true } })).status).toBe(409);
    expect((await call('/s', { cookie: r.cookie })).status).toBe(200);
    expect((await stored(r.campaignId)).responses).toBe(1);
  });

  it('lets exactly one of 50 parallel submissions on one link through', async () => {
    const r = await ready();
    const statuses = await Promise.all(Array.from({ length: 50 }, () => r.submit(VALID).then((res) => res.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect((await stored(r.campaignId)).responses).toBe(1);
    expect((await db().select().from(campaignCounters).where(eq(campaignCounters.campaignId, r.campaignId)).get())?.submitted).toBe(1);
  });

  it('refuses a form of round A posted while the cookie holds round B’s invitation', async () => {
    const a = await ready();
    const b = await ready();
    // The browser opened A, then B: the cookie now names B's invitation, the open page is A's.
    const res = await postForm(`/s?round=${a.campaignId}`, VALID, { cookie: b.cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('页面已过期');
    expect((await postForm('/s', VALID, { cookie: b.cookie })).status).toBe(409);
    expect((await b.postJson({ round: a.campaignId, answers: { contact_month: true } })).status).toBe(409);
    expect((await stored(a.campaignId)).responses + (await stored(b.campaignId)).responses).toBe(0);
  });

  it('stores hostile and bidirectional text exactly and renders it escaped', async () => {
    const r = await ready();
    const hostile = ['<script>alert(1)</script>', '"><svg onload=alert(1)>', 'ab\u202Ecd\u200Bef\u2066x\u2069'];
    // An invalid overall answer makes the page come back with what was typed.
    const back = await r.submit({ ...VALID, overall: '9', suggestions: hostile.join(' ') });
    expect(back.status).toBe(422);
    const html = await back.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect((await r.submit({ ...VALID, suggestions: hostile.join(' '), attitude: '1', reason: hostile[1] as string })).status).toBe(200);
    const texts = (await db().select().from(answers).where(eq(answers.campaignId, r.campaignId)).all()).map((a) => a.textValue);
    expect(texts).toContain(hostile.join(' '));
    expect(texts).toContain(hostile[1]);
  });
});

describe('the round window', () => {
  it('says a round is not open yet, with its dates, and refuses answers', async () => {
    const opensAt = Date.UTC(2099, 0, 1, 1, 0);
    const r = await ready({ opensAt, closesAt: opensAt + 86400_000 });
    const html = await (await call('/s', { cookie: r.cookie })).text();
    expect(html).toContain('调查尚未开始');
    expect(html).toContain('2099-01-01 09:00');
    expect((await r.submit(VALID)).status).toBe(403);
    expect((await stored(r.campaignId)).responses).toBe(0);
  });

  it('says a round is closed and refuses answers', async () => {
    // Closed two days ago: within CLOSED_GRACE_MS, after which the link is a 404 (test/security/links.test.ts).
    const closesAt = Math.floor(Date.now() / 3600_000) * 3600_000 - 2 * 86400_000;
    const r = await ready({ opensAt: closesAt - 30 * 86400_000, closesAt });
    const html = await (await call('/s', { cookie: r.cookie })).text();
    expect(html).toContain('调查已结束');
    expect(html).toContain(new Date(closesAt + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
    expect((await r.submit(VALID)).status).toBe(403);
    expect((await r.postJson({ answers: {} })).status).toBe(403);
    expect((await stored(r.campaignId)).responses).toBe(0);
  });
});
