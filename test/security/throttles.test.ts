// Issue 13, weakness 2: throttles count first, atomically, then compare. The attack that found it sent
// 400 parallel logins (50 passwords checked against a limit of 20) and 200 parallel token guesses
// (56 let through against a limit of 30): each request read the counter before any of them wrote it.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { throttles } from '../../schema/tables';
import { call, db, makeUser, postForm } from '../fixtures';

let ipSeq = 0;
const address = () => ({ 'cf-connecting-ip': `192.0.2.${++ipSeq}` });

// Every test here derives tens of passwords (PBKDF2, 100,000 iterations): 30 s each on a busy machine.
// The limits of DESIGN §9: 20 failed sign-ins per account in 15 minutes, 30 bad link tokens a minute.
function tally(statuses: number[]) {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe('a parallel burst checks at most the limit', () => {
  it('checks 20 passwords of 80 sent at once to one account, and refuses the rest with 429', async () => {
    const user = await makeUser();
    const headers = address();
    const statuses = await Promise.all(
      Array.from({ length: 80 }, () =>
        postForm('/login', { login: user.login, password: 'not the password' }, { headers }).then((r) => r.status),
      ),
    );
    // 401 = the password was derived and compared; 429 = refused before any hashing.
    expect(tally(statuses)).toEqual({ 401: 20, 429: 80 - 20 });
  }, 30_000);

  it('answers 30 of 90 bad link tokens sent at once by one client as unknown (404), the rest 429', async () => {
    const headers = address();
    const statuses = await Promise.all(
      Array.from({ length: 90 }, (_, i) => call(`/s/burst-guess-${i}`, { headers }).then((r) => r.status)),
    );
    expect(tally(statuses)).toEqual({ 404: 30, 429: 90 - 30 });
  }, 30_000);
});

// Issue 13, weakness 1: anyone could lock any account — 20 wrong passwords from anywhere made the right
// one answer 429. Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a
// browser that signed in to the account before is judged only on its own failures.
const deviceCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('__Host-dev='))
    ?.split(';')[0] ?? null;

async function signInOnce(user: { login: string; password: string }, headers: Record<string, string>) {
  const res = await postForm('/login', { login: user.login, password: user.password }, { headers });
  expect(res.status).toBe(303);
  const device = deviceCookie(res);
  expect(device).toMatch(/^__Host-dev=/);
  return device as string;
}

const fail = (login: string, headers: Record<string, string>, cookie?: string) =>
  postForm('/login', { login, password: 'Winter2026!' }, { headers, cookie }).then((r) => r.status);

describe('device cookies', () => {
  it('lets the owner’s browser, which signed in before, in after 20 failures from many addresses', async () => {
    const owner = await makeUser({ role: 'admin' });
    const home = address();
    const device = await signInOnce(owner, home);
    for (let i = 0; i < 20; i++) expect(await fail(owner.login, address())).toBe(401);
    const res = await postForm('/login', { login: owner.login, password: owner.password }, { headers: home, cookie: device });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('__Host-sid='))).toBe(true);
  }, 30_000);

  it('answers a fresh client with the right password 429, saying to wait or use a device that signed in before', async () => {
    const owner = await makeUser();
    for (let i = 0; i < 20; i++) expect(await fail(owner.login, address())).toBe(401);
    const res = await postForm('/login', { login: owner.login, password: owner.password }, { headers: address() });
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(html).toContain('登录尝试次数过多');
    expect(html).toContain('曾经登录过的设备');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('__Host-sid='))).toBe(false);
  }, 30_000);

  it('does not let 20 failures on account X from one address stop account Y from that address', async () => {
    const [x, y] = [await makeUser(), await makeUser()];
    const office = address();
    for (let i = 0; i < 20; i++) expect(await fail(x.login, office)).toBe(401);
    expect(await fail(x.login, office)).toBe(429);
    const res = await postForm('/login', { login: y.login, password: y.password }, { headers: office });
    expect(res.status).toBe(303);
  }, 30_000);
});

describe('device cookies are judged on their own failures', () => {
  it('locks a trusted browser after its own 10 failures, and only that browser', async () => {
    const owner = await makeUser();
    const [laptop, phone] = [address(), address()];
    const laptopCookie = await signInOnce(owner, laptop);
    const phoneCookie = await signInOnce(owner, phone);
    for (let i = 0; i < 10; i++) expect(await fail(owner.login, laptop, laptopCookie)).toBe(401);
    expect(await fail(owner.login, laptop, laptopCookie)).toBe(429);
    // the phone, and untrusted clients (whose shared counter the laptop's failures did not touch), still get in
    expect(
      (await postForm('/login', { login: owner.login, password: owner.password }, { headers: phone, cookie: phoneCookie })).status,
    ).toBe(303);
    expect((await postForm('/login', { login: owner.login, password: owner.password }, { headers: address() })).status).toBe(303);
  }, 30_000);

  it('trusts a device cookie only for the account it names, and never a forged one', async () => {
    const [a, b] = [await makeUser(), await makeUser()];
    const device = await signInOnce(a, address());
    for (let i = 0; i < 20; i++) expect(await fail(b.login, address())).toBe(401);
    // a's cookie does not vouch for b
    expect((await postForm('/login', { login: b.login, password: b.password }, { headers: address(), cookie: device })).status).toBe(429);
    for (let i = 0; i < 20; i++) expect(await fail(a.login, address())).toBe(401);
    const [name, value = ''] = device.split('=');
    const entry = decodeURIComponent(value);
    const forged = [
      `${name}=${encodeURIComponent(`${entry.slice(0, -2)}AA`)}`, // signature altered
      `${name}=${encodeURIComponent(entry.replace(/^[^.]+/, btoa(b.login.toLowerCase()).replace(/=+$/, '')))}`, // account swapped
    ];
    for (const cookie of forged)
      expect((await postForm('/login', { login: a.login, password: a.password }, { headers: address(), cookie })).status).toBe(429);
    expect((await postForm('/login', { login: a.login, password: a.password }, { headers: address(), cookie: device })).status).toBe(303);
  }, 30_000);

  it('stops untrusted clients at the account-wide ceiling of 100 attempts an hour, whatever their addresses', async () => {
    const owner = await makeUser();
    const device = await signInOnce(owner, address());
    // 100 untrusted attempts in the past hour, spread so no 15-minute window reached 20
    const hour = { key: `login:h:${owner.login.toLowerCase()}`, count: 100, windowStart: Date.now() - 50 * 60_000 };
    await db().insert(throttles).values(hour).onConflictDoUpdate({ target: throttles.key, set: hour });
    const res = await postForm('/login', { login: owner.login, password: owner.password }, { headers: address() });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('曾经登录过的设备');
    expect(
      (await postForm('/login', { login: owner.login, password: owner.password }, { headers: address(), cookie: device })).status,
    ).toBe(303);
  }, 30_000);

  it('keeps an address’s budget for other accounts when one account is hammered past its limit', async () => {
    const [x, y] = [await makeUser(), await makeUser()];
    const office = address();
    const statuses = await Promise.all(Array.from({ length: 150 }, () => fail(x.login, office)));
    expect(tally(statuses)).toEqual({ 401: 20, 429: 130 });
    // only the 20 attempts x's own limit let through count against the office's 100
    const row = await db()
      .select()
      .from(throttles)
      .where(eq(throttles.key, `login:ip:${office['cf-connecting-ip']}`))
      .get();
    expect(row?.count).toBe(20);
    expect((await postForm('/login', { login: y.login, password: y.password }, { headers: office })).status).toBe(303);
  }, 30_000);
});
