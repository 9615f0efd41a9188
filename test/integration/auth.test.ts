import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../schema/tables';
import { call, countRows, db, login, makeUser, postForm, sessionCookie, signedIn } from '../fixtures';

describe('login', () => {
  it('signs a user in with a rotated __Host- session cookie and stores only its hash', async () => {
    const user = await makeUser();
    const res = await postForm('/login', { login: user.login, password: user.password });
    expect(res.status).toBe(303);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-sid='));
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    const cookie = sessionCookie(res) ?? '';
    const raw = cookie.split('=')[1] ?? '';
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idHash).not.toContain(raw);
    // logging in again from the same browser replaces the old session (rotation)
    const again = await postForm('/login', { login: user.login, password: user.password }, { cookie });
    const cookie2 = sessionCookie(again);
    expect(cookie2).not.toBe(cookie);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    expect((await call('/', { cookie })).status).toBe(401);
  });

  it('answers an unknown user and a wrong password identically', async () => {
    const user = await makeUser();
    const wrong = await postForm('/login', { login: user.login, password: 'not the password' });
    const unknown = await postForm('/login', { login: `${user.login}x`, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
  });

  it('refuses a password over 1 KB with a field message and no session', async () => {
    const user = await makeUser();
    const res = await postForm('/login', { login: user.login, password: 'x'.repeat(1025) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('不能超过 1024 个字符');
    expect(sessionCookie(res)).toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
  });

  it('accepts a 64-character password', async () => {
    const user = await makeUser({ password: 'p'.repeat(64) });
    expect(await login(user)).toMatch(/^__Host-sid=/);
  });

  it('throttles after 20 failed attempts on one account', async () => {
    const user = await makeUser();
    for (let i = 0; i < 20; i++) expect((await postForm('/login', { login: user.login, password: 'wrong' })).status).toBe(401);
    const res = await postForm('/login', { login: user.login, password: user.password });
    expect(res.status).toBe(429);
    expect(sessionCookie(res)).toBeNull();
  });

  it('refuses a stored hash that claims 10,000,000 iterations', async () => {
    const user = await makeUser();
    await db()
      .update(users)
      .set({ passwordHash: 'pbkdf2_sha256$10000000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })
      .where(eq(users.id, user.id));
    expect((await postForm('/login', { login: user.login, password: user.password })).status).toBe(401);
  });
});

describe('sessions', () => {
  it('sends a visitor without a session to the login page', async () => {
    const res = await call('/admin/units');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Funits');
  });

  it('answers 401 to a tampered cookie', async () => {
    const { cookie } = await signedIn('admin');
    const res = await call('/admin', { cookie: `${cookie.slice(0, -2)}xx` });
    expect(res.status).toBe(401);
  });

  it('revokes the session at logout and when the account is disabled', async () => {
    const a = await signedIn('admin');
    expect((await call('/admin', { cookie: a.cookie })).status).toBe(200);
    expect((await postForm('/logout', {}, { cookie: a.cookie })).status).toBe(303);
    expect((await call('/admin', { cookie: a.cookie })).status).toBe(401);

    const officer = await makeUser({ role: 'officer' });
    const oc = await login(officer);
    const admin = await signedIn('admin');
    expect((await postForm(`/admin/officers/${officer.id}/disable`, {}, { cookie: admin.cookie })).status).toBe(303);
    expect((await call('/', { cookie: oc })).status).toBe(401);
  });
});

describe('request guards', () => {
  it('refuses a cross-site form POST with 403 and stores nothing', async () => {
    const { cookie } = await signedIn('admin');
    const before = await countRows('units');
    const res = await postForm('/admin/units', { name: '市编委办' }, { cookie, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(await countRows('units')).toBe(before);
  });

  it('refuses an officer on admin routes with 403 and audits it', async () => {
    const { cookie, user } = await signedIn('officer');
    const res = await call('/admin/units', { cookie });
    expect(res.status).toBe(403);
    const rows = await db().all<{ action: string; actor_id: string }>(
      (await import('drizzle-orm')).sql`SELECT action, actor_id FROM audit_log WHERE action = 'forbidden'`,
    );
    expect(rows.some((r) => r.actor_id === user.id)).toBe(true);
  });

  it('sends a nonce-based CSP and no-referrer on every page', async () => {
    const res = await call('/login');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('origin check under no-referrer', () => {
  it('accepts a same-origin form post that carries Origin: null (what browsers send under no-referrer)', async () => {
    const user = await makeUser();
    const res = await postForm(
      '/login',
      { login: user.login, password: user.password },
      { headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } },
    );
    expect(res.status).toBe(303);
  });

  it('refuses Origin: null from another site', async () => {
    const user = await makeUser();
    const res = await postForm(
      '/login',
      { login: user.login, password: user.password },
      { headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } },
    );
    expect(res.status).toBe(403);
    expect(sessionCookie(res)).toBeNull();
  });
});
