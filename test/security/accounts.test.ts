// Issue 7 catalogue — accounts, sessions and request guards. Already covered in auth.test.ts:
// - unknown user and wrong password answered identically ("answers an unknown user and a wrong password identically")
// - a 64-character password works; one over 1 KB refused with a field message ("accepts a 64-character password", "refuses a password over 1 KB…")
// - 20 failed logins → 429 ("throttles after 20 failed attempts on one account")
// - a stored hash claiming 10,000,000 iterations is refused ("refuses a stored hash that claims 10,000,000 iterations")
// - the cookie rotates at login; logout and disabling revoke it ("signs a user in with a rotated __Host- session cookie…",
//   "revokes the session at logout and when the account is disabled"); a tampered cookie gets 401
// - a cross-site form POST gets 403 and stores nothing ("refuses a cross-site form POST…", "refuses Origin: null from another site")
// - setup links are built from APP_ORIGIN: officers.test.ts "shows the link once from APP_ORIGIN…"
// What follows: disabled and password-less accounts answered like the rest, the byte limit and that it
// is checked before any hashing, per-address throttling, audit rows for every refusal, 405 for a wrong
// method on every route, and links that ignore a forged Host header.
import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../schema/tables';
import { LOGIN_LIMITS } from '../../worker/auth/login-limits';
import { call, db, login, makeUser, postForm, sessionCookie, signedIn } from '../fixtures';
import { makeRound } from '../integration/rounds.fixtures';
import { auditRows, BOOKKEEPING, changed, concrete, routes, tableCounts } from './helpers';

const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
let ipSeq = 0;
const address = () => ({ 'cf-connecting-ip': `198.51.100.${++ipSeq}` });

describe('sign-in answers give nothing away', () => {
  it('answers a disabled account, one without a password and an unknown one exactly like a wrong password', async () => {
    const wrong = await makeUser();
    const disabled = await makeUser({ disabled: true });
    const pending = await makeUser();
    await db().update(users).set({ passwordHash: null }).where(eq(users.id, pending.id));
    const answers = [
      await postForm('/login', { login: wrong.login, password: 'not it' }),
      await postForm('/login', { login: disabled.login, password: disabled.password }), // the right password!
      await postForm('/login', { login: pending.login, password: 'anything at all' }),
      await postForm('/login', { login: `nobody-${crypto.randomUUID()}`, password: 'not it' }),
    ];
    const bodies = new Set<string>();
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(sessionCookie(res)).toBeNull();
      bodies.add(strip(await res.text()));
    }
    expect(bodies.size).toBe(1);
  });

  it('audits every failed sign-in, naming the login tried', async () => {
    const user = await makeUser();
    const before = (await auditRows('login_failed')).length;
    await postForm('/login', { login: user.login, password: 'wrong' });
    const rows = (await auditRows('login_failed')).slice(before);
    expect(rows).toEqual([{ actor_id: null, object_type: 'login', object_id: user.login }]);
  });
});

describe('password size', () => {
  it('refuses over 1 KB of UTF-8 before hashing: no throttle hit, no audit, nothing stored', async () => {
    const user = await makeUser();
    const before = await tableCounts();
    for (const password of ['x'.repeat(1025), '密'.repeat(342), `${'x'.repeat(1023)}é`]) {
      const res = await postForm('/login', { login: user.login, password });
      expect(res.status, `${password.length} characters`).toBe(400);
      expect(await res.text()).toMatch(/不能超过 1024/);
    }
    // A refused attempt that had been hashed and compared would count against the account and be audited.
    expect(changed(before, await tableCounts())).toEqual({});
  });

  it('accepts exactly 1 KB, in ASCII and in Chinese', async () => {
    for (const password of ['p'.repeat(1024), `${'密'.repeat(341)}x`]) {
      const user = await makeUser({ password });
      expect(await login(user)).toMatch(/^__Host-sid=/);
    }
  });
});

describe('throttling', () => {
  it('throttles one address trying many accounts, audits the refusals, and spares other addresses', async () => {
    const headers = address();
    // 100 per address in 15 minutes (issue 13: high enough for an office behind one NAT).
    for (let i = 0; i < LOGIN_LIMITS.address.limit; i++) {
      expect((await postForm('/login', { login: `spray-${i}-${crypto.randomUUID()}`, password: 'Winter2026!' }, { headers })).status).toBe(
        401,
      );
    }
    const victim = await makeUser();
    const before = (await auditRows('login_throttled')).length;
    const refused = await postForm('/login', { login: victim.login, password: victim.password }, { headers });
    expect(refused.status).toBe(429);
    expect(sessionCookie(refused)).toBeNull();
    expect(await refused.text()).toContain('登录尝试次数过多');
    expect((await auditRows('login_throttled')).slice(before)).toHaveLength(1);
    expect((await postForm('/login', { login: victim.login, password: victim.password }, { headers: address() })).status).toBe(303);
  }, 60_000); // 100 password derivations
});

describe('sessions', () => {
  // Each from its own address: one source's refusals share one row per window (security/refusals.test.ts).
  it('audits a tampered, a logged-out and a disabled account’s cookie when refusing it with 401', async () => {
    const before = (await auditRows('session_rejected')).length;
    const { cookie } = await signedIn('admin');
    expect((await call('/admin', { cookie: `${cookie.slice(0, -3)}abc`, headers: address() })).status).toBe(401);
    await postForm('/logout', {}, { cookie });
    expect((await call('/admin', { cookie, headers: address() })).status).toBe(401);
    const officer = await makeUser();
    const oc = await login(officer);
    await db().update(users).set({ disabled: true }).where(eq(users.id, officer.id));
    const json = await call('/problems', { cookie: oc, headers: { accept: 'application/json', ...address() } });
    expect(json.status).toBe(401);
    expect(await json.json()).toMatchObject({ code: 'unauthenticated' });
    expect((await auditRows('session_rejected')).slice(before)).toHaveLength(3);
  });

  it('refuses a cookie that is not __Host- prefixed, and never sets one without Secure, HttpOnly and SameSite', async () => {
    const { cookie } = await signedIn('officer');
    const bare = cookie.replace('__Host-sid=', 'sid=');
    expect((await call('/', { cookie: bare })).status).toBe(303); // no session: sent to sign in
    const res = await postForm('/login', { login: (await makeUser()).login, password: 'correct horse battery' });
    for (const set of res.headers.getSetCookie()) {
      expect(set).toMatch(/Secure/);
      expect(set).toMatch(/SameSite=Lax/);
      if (set.startsWith('__Host-sid=')) expect(set).toMatch(/HttpOnly/);
    }
  });
});

describe('cross-site requests', () => {
  it('refuses cross-site POSTs on sign-in, memos, the survey API and admin forms with 403, audited, storing nothing', async () => {
    const { cookie } = await signedIn('admin');
    const before = await tableCounts();
    const audited = (await auditRows('cross_site')).length;
    const evil: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://bangfu.test.evil.example' },
    ];
    const targets = ['/login', '/memos', '/admin/units', '/lang', '/logout', '/s'];
    for (const headers of evil) {
      for (const path of targets)
        expect(
          (await postForm(path, { name: 'x' }, { cookie, headers: { ...headers, ...address() } })).status,
          `${path} ${headers.origin}`,
        ).toBe(403);
      const api = await call('/api/s', {
        method: 'POST',
        body: '{"answers":{}}',
        headers: { ...headers, ...address(), 'content-type': 'application/json' },
      });
      expect(api.status).toBe(403);
      expect(await api.json()).toMatchObject({ code: 'cross_site' });
    }
    // one row per address (each request here has its own; one address's refusals share a row per window)
    expect((await auditRows('cross_site')).slice(audited)).toHaveLength(evil.length * (targets.length + 1));
    expect(changed(before, await tableCounts(), BOOKKEEPING)).toEqual({});
    // the admin is still signed in: the forged logout did nothing
    expect((await call('/admin', { cookie })).status).toBe(200);
  });
});

describe('methods', () => {
  it('answers GET on every mutating route with 405 and an Allow header, changing nothing', async () => {
    const { cookie } = await signedIn('admin');
    const officer = await signedIn('officer');
    const someOfficer = await makeUser({ role: 'officer' });
    const someHandler = await makeUser({ role: 'handler' });
    const someLeader = await makeUser({ role: 'leader' });
    const before = await tableCounts();
    const getPaths = new Set(
      routes()
        .filter(([m]) => m === 'GET')
        .map(([, p]) => p),
    );
    const postOnly = routes().filter(([m, p]) => m === 'POST' && !getPaths.has(p));
    expect(postOnly.length).toBeGreaterThan(30);
    // The officer, handler and leader toggles check that the account exists first (a 404 for an unknown id): give them one.
    const accounts: Record<string, string> = {
      '/admin/officers/': someOfficer.id,
      '/admin/handlers/': someHandler.id,
      '/admin/leaders/': someLeader.id,
    };
    for (const [, pattern] of postOnly) {
      const account = Object.entries(accounts).find(([base]) => pattern.startsWith(base))?.[1];
      const path = concrete(pattern, account ? { id: account } : {});
      const who = pattern.startsWith('/memos') || pattern.startsWith('/problems') ? officer.cookie : cookie;
      const res = await call(path, { cookie: who });
      expect(res.status, path).toBe(405);
      expect(res.headers.get('allow'), path).toBe('POST');
    }
    expect(changed(before, await tableCounts(), BOOKKEEPING)).toEqual({});
  });

  it('answers other methods with 405 too, naming what the path allows, in HTML and JSON', async () => {
    const { cookie } = await signedIn('admin');
    const login = await call('/login', { method: 'PUT', body: 'x' });
    expect(login.status).toBe(405);
    expect(login.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await login.text()).toContain('不支持该请求方式');
    const del = await call('/admin/units', { method: 'DELETE', cookie });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, POST');
    const api = await call('/api/s', { method: 'GET' });
    expect(api.status).toBe(405);
    expect(await api.json()).toMatchObject({ code: 'method_not_allowed' });
    expect((await call('/no/such/page')).status).toBe(404);
    expect((await call('/no/such/page', { method: 'POST', body: '' })).status).toBe(404);
  });
});

describe('links come from the configured origin', () => {
  it('builds survey and setup links from APP_ORIGIN whatever Host or X-Forwarded-Host the request carries', async () => {
    const { cookie } = await signedIn('admin');
    const round = await makeRound({ size: 2 });
    const officer = await makeUser();
    const forged = { 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example', 'x-original-url': 'https://evil.example/' };
    // The request's own URL (its Host) is another site's, as a misrouted or forged request would be.
    const viaEvil = (path: string, init: RequestInit = {}) =>
      exports.default.fetch(
        new Request(`https://evil.example${path}`, {
          ...init,
          redirect: 'manual',
          headers: { ...forged, cookie, origin: 'https://evil.example', ...(init.headers as Record<string, string>) },
        }),
      );
    const csv = await (await viaEvil(`/admin/rounds/${round.campaignId}/links.csv`)).text();
    const sheet = await (await viaEvil(`/admin/rounds/${round.campaignId}/sheet`)).text();
    for (const text of [csv, sheet]) {
      expect(text).toContain('https://bangfu.test/s/');
      expect(text).not.toContain('evil.example');
    }
    const setup = await viaEvil(`/admin/officers/${officer.id}/setup-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const html = await setup.text();
    expect(setup.status).toBe(200);
    expect(html).toContain('https://bangfu.test/setup/');
    expect(html).not.toContain('evil.example/setup');
  });
});
