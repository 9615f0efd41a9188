// The officer app's service worker (issue 22): opens the officer's own pages with no signal and sends
// waiting memo drafts through Background Sync. Built on its own into dist/client/sw.js (vite.config.ts,
// serviceWorker), served from the root so its scope is the whole site. What it may keep is decided here
// and nowhere else; SECURITY.md § Offline explains the choice.
/// <reference lib="webworker" />
import { sendWaiting } from './draft-send';
import { signedIn } from './draft-store';
import { OFFLINE_CACHE as CACHE, OFFLINE_PAGES, SYNC_TAG } from './offline-pages';

declare const self: ServiceWorkerGlobalScope;

/** The pages and files the officer app opens offline; anything else always goes to the network. */
const KEEP = new Set<string>([...OFFLINE_PAGES, '/assets/app.css', '/assets/client.js', '/manifest.webmanifest', '/icon.svg']);

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/**
 * Kept only if all of these hold: an allow-listed path, a plain 200 from this origin that was not
 * redirected (a redirect to /login or /admin is someone else's page), and, for a page, the worker's
 * `X-Offline-Role: officer` (worker/lib/render.tsx): a handler's home is `/` too. Pages are sent with
 * `Cache-Control: no-store`; these few are kept despite it, on purpose, and deleted at sign-out.
 */
function keepable(path: string, res: Response): boolean {
  if (!KEEP.has(path) || res.status !== 200 || res.type !== 'basic' || res.redirected) return false;
  if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) return true;
  return res.headers.get('x-offline-role') === 'officer';
}

/** Network first: online the officer always sees fresh data; offline, the last copy kept. */
async function networkFirst(request: Request, path: string): Promise<Response> {
  try {
    const res = await fetch(request);
    if (keepable(path, res)) await (await caches.open(CACHE)).put(path, res.clone());
    // A kept page that now answers as someone else's (the session ended or was revoked: a redirect to
    // /login) means the kept copies are no longer this reader's: forget them all.
    else if (request.mode === 'navigate' && (res.redirected || res.status === 401 || res.status === 403)) await caches.delete(CACHE);
    return res;
  } catch (err) {
    const kept = await caches.match(path, { cacheName: CACHE });
    if (kept) return kept;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing in or out (either person) forgets every kept page before the request goes on; the drafts
  // are in IndexedDB and stay.
  if (request.method === 'POST' && (url.pathname === '/logout' || url.pathname === '/login')) {
    event.respondWith(caches.delete(CACHE).then(() => fetch(request)));
    return;
  }
  if (request.method !== 'GET' || !KEEP.has(url.pathname)) return;
  // `/memos/new?enterprise=…` opens the same kept form offline; the island picks the enterprise.
  event.respondWith(networkFirst(request, url.pathname));
});

self.addEventListener('sync', (event) => {
  const e = event as ExtendableEvent & { tag: string };
  if (e.tag !== SYNC_TAG) return;
  e.waitUntil(
    signedIn().then((user) => {
      if (user) return sendWaiting(user).then(() => undefined);
    }),
  );
});
