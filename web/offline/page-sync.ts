// The officer app in every page (issue 22): registers the service worker, keeps the "N 份待提交" badge
// true, sends waiting drafts on page load and when the connection returns (whichever page is open), and
// asks before signing out while drafts wait. Islands that change the queue fire DRAFTS_CHANGED.
import { sendWaiting } from './draft-send';
import { listDrafts, setSignedIn } from './draft-store';
import { OFFLINE_CACHE, SYNC_TAG } from './offline-pages';

export const DRAFTS_CHANGED = 'bangfu:drafts-changed';

/** The signed-in officer, or null on any other page (signed out, admin, handler). */
export function officerId(): string | null {
  const { user, role } = document.body.dataset;
  return role === 'officer' && user ? user : null;
}

async function refreshBadge(userId: string) {
  const badge = document.querySelector<HTMLElement>('[data-drafts-badge]');
  if (!badge) return;
  const n = (await listDrafts(userId)).length;
  badge.textContent = (badge.dataset.text ?? '{n}').replace('{n}', String(n));
  badge.hidden = n === 0;
}

/** Asks Background Sync to send the drafts when the connection returns, even with no page open. */
export async function requestSync() {
  try {
    const reg = (await navigator.serviceWorker?.getRegistration()) as
      | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
      | undefined;
    await reg?.sync?.register(SYNC_TAG);
  } catch {
    // No Background Sync (Firefox, Safari): the online event and the next page load send them.
  }
}

async function sendNow(userId: string) {
  if (!navigator.onLine) return;
  const sent = await sendWaiting(userId);
  if (sent > 0) window.dispatchEvent(new Event(DRAFTS_CHANGED));
}

function showOffline() {
  const note = document.querySelector<HTMLElement>('[data-offline-note]');
  if (note) note.hidden = navigator.onLine;
}

/** Sign-out with drafts waiting: the dialog says how many and offers to send them first. */
function guardLogout(userId: string) {
  const form = document.querySelector<HTMLFormElement>('form[data-logout]');
  const dialog = document.querySelector<HTMLDialogElement>('dialog[data-logout-dialog]');
  if (!form || !dialog?.showModal) return;
  let asked = false;
  form.addEventListener('submit', async (e) => {
    if (asked) return;
    e.preventDefault();
    const n = (await listDrafts(userId)).length;
    // The service worker forgets the kept pages on POST /logout; this covers a page it does not control.
    const leave = async () => {
      asked = true;
      await globalThis.caches?.delete(OFFLINE_CACHE).catch(() => undefined);
      form.requestSubmit();
    };
    if (n === 0) return leave();
    const title = dialog.querySelector<HTMLElement>('[data-text]');
    if (title) title.textContent = (title.dataset.text ?? '').replace('{n}', String(n));
    dialog.returnValue = '';
    dialog.showModal();
    dialog.addEventListener(
      'close',
      async () => {
        if (dialog.returnValue === 'send') await sendNow(userId);
        if (dialog.returnValue === 'send' || dialog.returnValue === 'leave') await leave();
      },
      { once: true },
    );
  });
}

export function startOfficerApp() {
  const userId = officerId();
  if (!userId) {
    // Signed in as someone else: no offline copy of their pages, and the worker is not needed.
    if (document.body.dataset.user) void navigator.serviceWorker?.getRegistration().then((r) => r?.unregister());
    return;
  }
  if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  const refresh = () => void refreshBadge(userId).catch(() => undefined);
  void setSignedIn(userId)
    .then(() => sendNow(userId))
    .catch(() => undefined)
    .finally(refresh);
  window.addEventListener('online', () => {
    showOffline();
    void sendNow(userId).finally(refresh);
  });
  window.addEventListener('offline', showOffline);
  window.addEventListener(DRAFTS_CHANGED, refresh);
  showOffline();
  guardLogout(userId);
}
