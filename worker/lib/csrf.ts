import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { auditRefusal, sourceOf } from './audit';
import { AppError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every mutating request (DESIGN §9), by origin verification (OWASP "Verifying
 * origin with standard headers" + Fetch Metadata): browsers always send Origin on a POST and
 * Sec-Fetch-Site on every request, and a page on another site cannot forge either. Requests without
 * both headers are not from a browser and carry no ambient cookie risk. Session cookies are also
 * SameSite=Lax, a second layer. Under `Referrer-Policy: no-referrer` (which every page sends) browsers
 * send `Origin: null` even for same-origin form posts, so a null origin is judged by Sec-Fetch-Site.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const own = new URL(c.req.url).origin;
  const allowed =
    origin === undefined || origin === 'null'
      ? site === undefined || site === 'same-origin' || site === 'none'
      : origin === own || origin === c.env.APP_ORIGIN;
  if (!allowed) {
    const entry = {
      action: 'cross_site',
      objectType: 'route',
      objectId: `${c.req.method} ${c.req.path}`,
      detail: { origin: origin?.slice(0, 200), site: site?.slice(0, 40) },
    };
    await auditRefusal(c, entry, sourceOf(c));
    throw new AppError(403, 'cross_site', 'err.page.crossSite');
  }
  return next();
};
