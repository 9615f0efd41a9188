// Sends the signed-in officer's waiting drafts, one at a time, oldest first. Shared by the pages (on
// load and on the `online` event) and the service worker (Background Sync). Each draft is the memo form
// as typed, posted to the same endpoint as the form, with the memo's id made before it was queued: the
// server answers a repeat of a stored id with that memo (worker/memos/memos.routes.tsx, sameMemo), so a
// send that reached the server but lost its answer is not a second memo.
import { PHOTOS } from './draft-photos';
import { deleteDraft, listDrafts, putDraft, type QueuedDraft } from './draft-store';

/** `sent`: stored, draft removed; `refused`: kept with the reason and its photos, waits for an edit; `later`: no network, signed out or a server fault. */
export type SendOutcome = 'sent' | 'refused' | 'later';

/** Message shown when a refusal comes without a JSON body (a proxy's error page, say). */
const UNKNOWN = 'HTTP';

/**
 * The form as the browser would post it: with photos, multipart with each under `photos` (the file
 * input's name, read by worker/memos/photos.ts postedPhotos); without, the urlencoded body it always was.
 */
function bodyOf(draft: QueuedDraft): BodyInit {
  const photos = draft.photos ?? [];
  if (photos.length === 0) return new URLSearchParams(draft.fields);
  const body = new FormData();
  for (const [k, v] of draft.fields) body.append(k, v);
  for (const p of photos) body.append(PHOTOS, new File([p.blob], p.name, { type: p.type }));
  return body;
}

export async function sendDraft(draft: QueuedDraft): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch('/memos', {
      method: 'POST',
      body: bodyOf(draft),
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      // The stored memo answers with 303 to its page: that is the success, there is no need to load it.
      redirect: 'manual',
    });
  } catch {
    return 'later';
  }
  if (res.type === 'opaqueredirect' || res.ok) {
    await deleteDraft(draft.id);
    return 'sent';
  }
  // 401: the session ended; 429 and 5xx: try again later. The draft is unchanged.
  if (res.status === 401 || res.status === 429 || res.status >= 500) return 'later';
  const body = (await res.json().catch(() => null)) as { message?: string; fields?: Record<string, string> } | null;
  await putDraft({
    ...draft,
    failure: { status: res.status, message: body?.message ?? `${UNKNOWN} ${res.status}`, fields: body?.fields ?? {} },
  });
  return 'refused';
}

/**
 * Sends every waiting draft of the officer that has not been refused. Under a Web Lock where the
 * browser has one, so a page and the service worker that wake up on the same reconnection do not post
 * the same draft side by side.
 */
export async function sendWaiting(userId: string): Promise<number> {
  const work = async () => {
    let sent = 0;
    for (const draft of await listDrafts(userId)) {
      if (draft.failure) continue;
      const outcome = await sendDraft(draft);
      if (outcome === 'later') break;
      if (outcome === 'sent') sent++;
    }
    return sent;
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('bangfu-memo-drafts', work) : work();
}
