// Flash messages (issue 17): after a successful action the next page says what happened. The message
// travels in a one-minute `__Host-` cookie as a catalogue key with plain parameters (shown as text,
// escaped by Preact), set on the redirect and cleared by the page that shows it. A POST that redirects
// without naming its own message gets the generic one, so no successful action goes unconfirmed.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isMessageKey, type MessageKey, type Params } from '../../web/i18n';
import type { AppEnv } from '../app-env';

const COOKIE = 'flash';
const NAME = `__Host-${COOKIE}=`;

export function setFlash(c: Context<AppEnv>, key: MessageKey, params: Params = {}) {
  setCookie(c, COOKIE, JSON.stringify([key, params]), {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: 60,
    prefix: 'host',
  });
}

/** The message waiting for this page, in the reader's language, and the cookie cleared; null if none. */
export function takeFlash(c: Context<AppEnv>): string | null {
  const raw = getCookie(c, COOKIE, 'host');
  if (raw === undefined) return null;
  deleteCookie(c, COOKIE, { path: '/', secure: true, prefix: 'host' });
  try {
    const [key, params] = JSON.parse(raw) as [unknown, unknown];
    if (typeof key !== 'string' || !isMessageKey(key) || typeof params !== 'object' || params === null) return null;
    const plain: Params = {};
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') plain[k] = String(v).slice(0, 200);
    return c.get('t')(key, plain);
  } catch {
    return null; // a cookie this app did not write: nothing to say
  }
}

/** For the signed-in sections: a successful POST (303) that set no message of its own gets `flash.saved`. */
export const flashOnSuccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method !== 'POST' || c.res.status !== 303) return;
  if (c.res.headers.getSetCookie().some((s) => s.startsWith(NAME))) return;
  setFlash(c, 'flash.saved');
};
