import type { Context } from 'hono';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Page } from '../../web/context';
import type { AppEnv } from '../app-env';
import { takeFlash } from './flash';

/** Server-renders a component inside the page context, as HTML text (a whole page or a document to embed). */
export function renderHtml(c: Context<AppEnv>, page: VNode): string {
  const url = new URL(c.req.url);
  const user = c.get('user');
  return renderToString(
    <Page.Provider
      value={{
        t: c.get('t'),
        lang: c.get('lang'),
        user: user ? { id: user.id, login: user.login, name: user.name, role: user.role } : null,
        nonce: c.get('secureHeadersNonce') ?? '',
        path: url.pathname + url.search,
        flash: takeFlash(c),
      }}
    >
      {page}
    </Page.Provider>,
  );
}

/**
 * Server-renders a page component inside the page context. Pages are never cached: they carry personal
 * data. `X-Offline-Role` names the reader's role for the officer app's service worker, which keeps a
 * few officer pages for offline use and nothing any other role sees (web/offline/sw.ts, SECURITY.md).
 */
export function render(
  c: Context<AppEnv>,
  page: VNode,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503 | 500 = 200,
) {
  const html = renderHtml(c, page);
  c.header('Cache-Control', 'no-store');
  const role = c.get('user')?.role;
  if (role) c.header('X-Offline-Role', role);
  return c.html(`<!doctype html>${html}`, status);
}
