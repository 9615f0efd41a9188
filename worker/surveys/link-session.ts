// A respondent's personal link (DESIGN §4): the token is exchanged for a `__Host-` cookie on first open,
// and every later request finds its invitation through that cookie. Bad tokens are counted per client
// and throttled, whichever way they arrive (the link's path or a forged cookie).
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { auditRefusal, sourceOf } from '../lib/audit';
import { hit, type Limit } from '../lib/throttle';
import { findInvitation, type Invitation } from './answer.queries';
import { TOKEN_PATTERN, tokenHash } from './link-token';

/** 30 bad link tokens a minute per client, then 429 (DESIGN §9); a valid link is never refused. */
export const LINK_LIMIT: Limit = { limit: 30, windowMs: 60_000 };
export const LINK_COOKIE = 'sv';

/**
 * How long after its round closes a link still opens the "closed" notice with the round's dates
 * (DESIGN §4). Past that it is expired: the same 404 as a made-up token, so an old link found in a
 * mailbox or chat log tells nobody that the enterprise was drawn, nor for which round (SECURITY.md).
 */
export const CLOSED_GRACE_MS = 30 * 24 * 3600_000;

/**
 * The invitation behind a token, while its link says anything at all: never for a draft's (nothing
 * went out: the same 404 as a made-up token), and until CLOSED_GRACE_MS after the round closed or was
 * voided.
 */
export async function byToken(c: Context<AppEnv>, token: string | undefined): Promise<Invitation | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const inv = await findInvitation(c.get('db'), await tokenHash(token));
  if (!inv || inv.status === 'draft') return null;
  return Date.now() < Math.min(inv.closesAt, inv.voidedAt ?? inv.closesAt) + CLOSED_GRACE_MS ? inv : null;
}

/** Counts a bad token against the client (cf-connecting-ip), first; 429 once it is over the limit, else 404. */
export async function badTokenStatus(c: Context<AppEnv>): Promise<404 | 429> {
  const client = sourceOf(c);
  const count = await hit(c.get('db'), `link:${client}`, LINK_LIMIT);
  if (count <= LINK_LIMIT.limit) return 404;
  // Audited once per client and window, not once per refused guess.
  await auditRefusal(c, { action: 'link_throttled', objectType: 'client', objectId: client }, client);
  return 429;
}

/** The link token the browser holds in `cookie`, if it looks like one. */
export function cookieToken(c: Context<AppEnv>, cookie = LINK_COOKIE): string | undefined {
  const token = getCookie(c, cookie, 'host');
  return token && TOKEN_PATTERN.test(token) ? token : undefined;
}

/**
 * A link's first open: its token goes into a `__Host-` cookie and the browser to the clean URL, so the
 * token stays out of history, bookmarks, screenshots and Referer headers (DESIGN §4). Survey links and
 * the enterprise's 我的诉求 link (issue 16) both open this way.
 */
export function exchangeForCookie(c: Context<AppEnv>, cookie: string, token: string, maxAgeS: number, cleanUrl: string) {
  setCookie(c, cookie, token, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: maxAgeS, prefix: 'host' });
  c.header('Cache-Control', 'no-store');
  return c.redirect(cleanUrl, 303);
}

/** The cookie's invitation. A cookie naming none counts as a bad token, so guessing via the cookie is throttled too. */
export async function cookieInvitation(c: Context<AppEnv>): Promise<Invitation | 404 | 429> {
  const token = getCookie(c, LINK_COOKIE, 'host');
  if (!token) return 404;
  return (await byToken(c, token)) ?? badTokenStatus(c);
}

export type Refusal = 'answered' | 'upcoming' | 'closed' | 'void';

/**
 * Why this invitation cannot answer now, if it cannot: a link works only while its round is scheduled
 * (it says when it opens) or open (issue 17).
 */
export function refusal(inv: Invitation, now: number): Refusal | null {
  if (inv.status === 'void') return 'void';
  if (inv.submittedAt) return 'answered';
  if (now < inv.opensAt) return 'upcoming';
  if (now >= inv.closesAt) return 'closed';
  return null;
}
