// Issue 7 catalogue — personal survey links. Already covered elsewhere, not repeated here:
// - malformed / unknown / 5,000-character tokens → one 404 page: answering.test.ts "answers malformed, unknown and over-long tokens…"
// - 30 bad tokens → 429 while a valid link still works: answering.test.ts "throttles the 31st bad token…"
// - a second submit on a used link → 409, one row: answering.test.ts "refuses a second submission…"
// - 50 parallel final submits → one success: answering.test.ts "lets exactly one of 50 parallel submissions…"
// - a round-A form posted with round B's link: answering.test.ts "refuses a form of round A posted…"
// What follows adds the 10 KB and expired tokens, the row counts, the audit row and the headers.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { linkToken } from '../../worker/surveys/link-token';
import { call } from '../fixtures';
import { client, makeRound, open, ready, stored, VALID } from '../integration/rounds.fixtures';
import { auditRows, BOOKKEEPING, changed, tableCounts } from './helpers';

const DAY = 86400_000;
const noCookie = (res: Response) => !res.headers.getSetCookie().some((c) => c.startsWith('__Host-sv='));

describe('every bad token gets the same 404', () => {
  it('answers malformed, 10 KB, unknown and expired tokens — and expired cookies — identically, storing nothing', async () => {
    const expired = await makeRound({ opensAt: Date.now() - 90 * DAY, closesAt: Date.now() - 31 * DAY });
    const expiredToken = expired.links[0]?.token as string;
    const unknown = await linkToken(env.LINK_SECRET, crypto.randomUUID()); // well-formed, never issued
    const before = await tableCounts();
    const bodies = new Set<string>();
    const tokens = ['%00', 'a'.repeat(23), `${'A'.repeat(10 * 1024)}`, encodeURIComponent('<script>x</script>'), unknown, expiredToken];
    for (const token of tokens) {
      const res = await call(`/s/${token}`, { headers: client() });
      expect(res.status, token.slice(0, 24)).toBe(404);
      expect(noCookie(res)).toBe(true);
      expect(res.headers.get('cache-control')).toBe('no-store');
      bodies.add(await res.text());
    }
    // An expired link kept in the browser's cookie is no different from a forged cookie.
    for (const cookie of [`__Host-sv=${expiredToken}`, `__Host-sv=${unknown}`]) {
      const res = await call('/s', { cookie, headers: client() });
      expect(res.status).toBe(404);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toContain('链接无效');
    expect([...bodies][0]).not.toContain('调查已结束');
    const json = await call('/api/s', {
      method: 'POST',
      cookie: `__Host-sv=${expiredToken}`,
      headers: { ...client(), 'content-type': 'application/json' },
      body: JSON.stringify({ answers: {} }),
    });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ code: 'invalid_link' });
    expect(changed(before, await tableCounts(), BOOKKEEPING)).toEqual({});
    expect(await stored(expired.campaignId)).toEqual({ responses: 0, answers: 0, optionCounts: 0 });
  });

  it('keeps the "closed" notice, with the dates, for 30 days after a round closes (SECURITY.md)', async () => {
    const closesAt = Date.now() - 29 * DAY;
    const r = await ready({ opensAt: closesAt - DAY, closesAt });
    const page = await call('/s', { cookie: r.cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('调查已结束');
    expect((await r.submit(VALID)).status).toBe(403);
    expect((await stored(r.campaignId)).responses).toBe(0);
  });
});

describe('guessing', () => {
  it('counts bad tokens per client, audits the client once when the limit is reached, and still lets a valid link in', async () => {
    const { links } = await makeRound();
    const headers = client();
    const before = await tableCounts();
    const auditsBefore = (await auditRows('link_throttled')).length;
    for (let i = 0; i < 30; i++) expect((await call(`/s/guess${i}`, { headers })).status).toBe(404);
    for (let i = 0; i < 3; i++) expect((await call(`/s/guess-more${i}`, { headers })).status).toBe(429);
    const refused = await call('/s', { headers, cookie: `__Host-sv=${'C'.repeat(24)}` });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('尝试次数过多');
    // one audit row for the client, however many guesses follow
    const audits = (await auditRows('link_throttled')).slice(auditsBefore);
    expect(audits).toHaveLength(1);
    expect(audits[0]?.object_id).toBe(headers['cf-connecting-ip']);
    expect(changed(before, await tableCounts(), ['throttles'])).toEqual({ audit_log: 1 });
    // another client is not affected, and the throttled client's real link still opens
    expect((await call('/s/guess-other', { headers: client() })).status).toBe(404);
    expect((await call(`/s/${links[0]?.token}`, { headers })).status).toBe(303);
  });
});

describe('link responses keep the token to themselves', () => {
  it('sends no-referrer and no-store on the redirect, the form, the notices and the 404', async () => {
    const r = await makeRound();
    const { res, cookie } = await open(r.links[0]?.token as string);
    const answered = await ready();
    await answered.submit(VALID);
    const pages = [
      res,
      await call('/s', { cookie }),
      await call('/s', { cookie: answered.cookie }),
      await call('/s/not-a-token', { headers: client() }),
    ];
    for (const page of pages) {
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(res.headers.get('location')).toBe('/s');
  });

  it('never writes the token into the survey page, the thank-you page or the already-answered page', async () => {
    const r = await ready();
    const token = r.link.token;
    const texts = [await (await call('/s', { cookie: r.cookie })).text(), await (await r.submit(VALID)).text()];
    texts.push(await (await call('/s', { cookie: r.cookie })).text());
    for (const html of texts) expect(html).not.toContain(token);
  });
});
