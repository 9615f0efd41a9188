import type { MiddlewareHandler } from 'hono';
import { leaderMay } from '../../schema/rules/leader-access';
import type { Role } from '../../schema/tables';
import { emptyForm } from '../../web/components/fields';
import { LoginPage } from '../../web/pages/login';
import type { AppEnv } from '../app-env';
import { audit, auditRefusal, sourceOf } from '../lib/audit';
import { AppError } from '../lib/errors';
import { render } from '../lib/render';

export const wantsJson = (accept: string | undefined, path: string) =>
  path.startsWith('/api/') || (accept ?? '').includes('application/json');

/**
 * Signed-in users only. A browser without a session is sent to the login page; one whose cookie is
 * tampered, expired or revoked gets 401 with the login form, so it can sign in again in place.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')) return next();
  const json = wantsJson(c.req.header('accept'), c.req.path);
  if (c.get('session') === 'none' && c.req.method === 'GET' && !json) {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  // A cookie that names no live session: tampered, forged, revoked (logout, disabled account) or expired.
  if (c.get('session') === 'invalid')
    await auditRefusal(c, { action: 'session_rejected', objectType: 'route', objectId: `${c.req.method} ${c.req.path}` }, sourceOf(c));
  if (json) throw new AppError(401, 'unauthenticated', 'login.expired');
  return render(c, <LoginPage form={emptyForm()} notice="login.expired" next={c.req.path} />, 401);
};

/** Role check on the server for every route of a sub-app; refusals are audited. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (user && roles.includes(user.role)) return next();
    await audit(c, { action: 'forbidden', objectType: 'route', objectId: `${c.req.method} ${c.req.path}` });
    throw new AppError(403, 'forbidden', 'err.page.forbidden');
  };
}

/**
 * A leader (领导, issue 19) reads the dashboard and the work report and nothing else: every other page of
 * the signed-in sections is refused here, before any feature's own guard, with the refusal audited
 * (schema/rules/leader-access.ts is the list).
 */
export const leaderFence: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')?.role !== 'leader' || leaderMay(c.req.method, c.req.path)) return next();
  await audit(c, { action: 'forbidden', objectType: 'route', objectId: `${c.req.method} ${c.req.path}` });
  throw new AppError(403, 'forbidden', 'err.page.forbidden');
};
