// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a successful
// sign-in the browser gets a signed cookie naming the account, and from then on that browser is judged
// only on its own failures (worker/auth/login-limits.ts), so nobody else's wrong passwords can lock the
// owner out (issue 13). Entry = `<login, base64url>.<nonce>.<HMAC-SHA256 of both>`; one `__Host-` cookie
// holds the entries of the last few accounts signed in from this browser (an office PC is shared).
// The key is derived from LINK_SECRET (HMAC(LINK_SECRET, 'device-cookie')), so the deploy sets no new
// secret and no device signature can ever equal a survey link token.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { fromBase64Url, randomToken, toBase64Url } from '../lib/tokens';

const COOKIE = 'dev';
const MAX_ENTRIES = 4;
const MAX_AGE_S = 365 * 24 * 3600;
const encoder = new TextEncoder();

const keys = new Map<string, Promise<CryptoKey>>();
function deviceKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const root = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const derived = await crypto.subtle.sign('HMAC', root, encoder.encode('device-cookie'));
      return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    })();
    keys.set(secret, key);
  }
  return key;
}

type Entry = { login: string; nonce: string; text: string };

const loginPart = (login: string) => toBase64Url(encoder.encode(login.toLowerCase()));

async function entryFor(secret: string, login: string, nonce: string): Promise<string> {
  const body = `${loginPart(login)}.${nonce}`;
  const mac = await crypto.subtle.sign('HMAC', await deviceKey(secret), encoder.encode(body));
  return `${body}.${toBase64Url(new Uint8Array(mac))}`;
}

/** The entries of the browser's device cookie whose signature holds; forged or altered ones are dropped. */
async function readEntries(c: Context<AppEnv>): Promise<Entry[]> {
  const raw = getCookie(c, COOKIE, 'host');
  if (!raw || raw.length > 2048) return [];
  const key = await deviceKey(c.env.LINK_SECRET);
  const out: Entry[] = [];
  for (const text of raw.split('~').slice(0, MAX_ENTRIES)) {
    const [login64 = '', nonce = '', mac64 = '', ...rest] = text.split('.');
    const mac = fromBase64Url(mac64);
    const loginBytes = fromBase64Url(login64);
    if (rest.length || !mac || !loginBytes || !/^[A-Za-z0-9_-]{22}$/.test(nonce)) continue;
    // subtle.verify compares in constant time.
    if (!(await crypto.subtle.verify('HMAC', key, mac, encoder.encode(`${login64}.${nonce}`)))) continue;
    out.push({ login: new TextDecoder().decode(loginBytes), nonce, text });
  }
  return out;
}

/** The nonce of a valid device cookie entry for `login`, if this browser has signed in to it before. */
export async function trustedDevice(c: Context<AppEnv>, login: string): Promise<string | null> {
  const wanted = login.toLowerCase();
  return (await readEntries(c)).find((e) => e.login === wanted)?.nonce ?? null;
}

/** After a successful sign-in: a fresh entry for `login` (a new nonce, so its failure count starts over), kept first. */
export async function issueDeviceCookie(c: Context<AppEnv>, login: string): Promise<void> {
  const wanted = login.toLowerCase();
  const others = (await readEntries(c)).filter((e) => e.login !== wanted).map((e) => e.text);
  const entry = await entryFor(c.env.LINK_SECRET, login, randomToken(16));
  setCookie(c, COOKIE, [entry, ...others].slice(0, MAX_ENTRIES).join('~'), {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: MAX_AGE_S,
    prefix: 'host',
  });
}
