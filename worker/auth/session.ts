// Server-side sessions (DESIGN §9): the browser holds a random id in a `__Host-` cookie (HttpOnly,
// Secure, SameSite=Lax); D1 holds only its SHA-256 with idle and absolute expiry. Logging in always
// issues a new id (rotation); logging out or disabling the account deletes the row, so the old cookie
// stops working at once.
import { and, eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessions, type users } from '../../schema/tables';
import type { AppEnv, Db } from '../app-env';
import { d1Of } from '../lib/db';
import { randomToken, sha256Hex } from '../lib/tokens';

export const IDLE_MS = 8 * 60 * 60 * 1000; // a working day on the road
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is refreshed at most this often, so browsing is not a write per page. */
const TOUCH_MS = 5 * 60 * 1000;
const COOKIE = 'sid';

export const readSessionCookie = (c: Context<AppEnv>) => getCookie(c, COOKIE, 'host');

// Raw SQL with fixed text: this runs before every signed-in page, and drizzle's select builder was
// the largest single cost of a plain admin page (≈ a third of its CPU, bench/notes.md).
const LOAD_SESSION = `SELECT u.id, u.login, u.name, u.role, u.unit_id AS unitId, u.disabled, s.expires_at AS expiresAt,
  s.last_seen_at AS lastSeenAt FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?1`;
type SessionRow = Pick<typeof users.$inferSelect, 'id' | 'login' | 'name' | 'role' | 'unitId'> & {
  disabled: 0 | 1;
  expiresAt: number;
  lastSeenAt: number;
};

/** Loads the user behind the cookie, if any, into c.var.user. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('user', null);
  c.set('session', 'none');
  const raw = readSessionCookie(c);
  if (raw) {
    const db = c.get('db');
    const idHash = await sha256Hex(raw);
    const now = Date.now();
    const row = await d1Of(db).prepare(LOAD_SESSION).bind(idHash).first<SessionRow>();
    if (row && !row.disabled && row.expiresAt > now && row.lastSeenAt + IDLE_MS > now) {
      const { id, login, name, role, unitId } = row;
      c.set('user', { id, login, name, role, unitId });
      c.set('session', 'valid');
      if (now - row.lastSeenAt > TOUCH_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
      }
    } else {
      c.set('session', 'invalid');
      deleteCookie(c, COOKIE, { path: '/', secure: true, prefix: 'host' });
    }
  }
  await next();
};

/** Statements that create a fresh session for `userId` (and drop the one the browser came with). */
export async function startSession(c: Context<AppEnv>, db: Db, userId: string) {
  const id = randomToken(32);
  const now = Date.now();
  const old = readSessionCookie(c);
  const statements = [
    db.insert(sessions).values({ idHash: await sha256Hex(id), userId, createdAt: now, lastSeenAt: now, expiresAt: now + ABSOLUTE_MS }),
    ...(old ? [db.delete(sessions).where(eq(sessions.idHash, await sha256Hex(old)))] : []),
  ] as const;
  const setCookieNow = () =>
    setCookie(c, COOKIE, id, {
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      maxAge: ABSOLUTE_MS / 1000,
      prefix: 'host',
    });
  return { statements, setCookieNow };
}

export async function endSession(c: Context<AppEnv>) {
  const raw = readSessionCookie(c);
  if (raw)
    await c
      .get('db')
      .delete(sessions)
      .where(eq(sessions.idHash, await sha256Hex(raw)));
  deleteCookie(c, COOKIE, { path: '/', secure: true, prefix: 'host' });
}

/** Revokes every session of a user (account disabled, password changed). */
export const revokeUserSessions = (db: Db, userId: string) => db.delete(sessions).where(and(eq(sessions.userId, userId)));
