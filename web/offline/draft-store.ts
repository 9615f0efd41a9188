// The queue of memos recorded offline (issue 22), in IndexedDB because the service worker reads it too
// (Background Sync runs with no page open, and a worker has no localStorage). One record per memo, keyed
// by the memo's id, which is also the server's idempotency key: a draft sent twice is one memo.
// Drafts outlive sign-out on purpose (the issue: sign-out "never clears the drafts"); each carries its
// author, and only the signed-in officer's drafts are counted, listed or sent.

/** Why the server refused a draft: its status and, for 422, the messages by field. Such a draft waits for an edit. */
export type DraftFailure = { status: number; message: string; fields: Record<string, string> };

/** A visit photo waiting with its draft, as the photo input held it (already the island's ≤ 1600 px JPEG). */
export type QueuedPhoto = { name: string; type: string; blob: Blob };

export type QueuedDraft = {
  id: string;
  userId: string;
  fields: [string, string][];
  /**
   * Absent in drafts queued before photos travelled with them: IndexedDB stores any structured-cloneable
   * value, Blobs included, so the store and its version stay as they were.
   */
  photos?: QueuedPhoto[];
  queuedAt: number;
  failure?: DraftFailure;
};

const DB_NAME = 'bangfu-offline';
const DRAFTS = 'drafts';
const META = 'meta';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(DRAFTS, { keyPath: 'id' });
      req.result.createObjectStore(META);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const putDraft = (draft: QueuedDraft) => run(DRAFTS, 'readwrite', (s) => s.put(draft)).then(() => undefined);
export const deleteDraft = (id: string) => run(DRAFTS, 'readwrite', (s) => s.delete(id)).then(() => undefined);
export const getDraft = (id: string) => run<QueuedDraft | undefined>(DRAFTS, 'readonly', (s) => s.get(id));

/** The officer's drafts, oldest first (the order they are sent in). */
export async function listDrafts(userId: string): Promise<QueuedDraft[]> {
  const all = await run<QueuedDraft[]>(DRAFTS, 'readonly', (s) => s.getAll());
  return all.filter((d) => d.userId === userId).sort((a, b) => a.queuedAt - b.queuedAt);
}

/**
 * Who is signed in on this device, as the last page loaded said: the service worker sends only their
 * drafts, so a draft never travels under another officer's session.
 */
export const setSignedIn = (userId: string) => run(META, 'readwrite', (s) => s.put(userId, 'user')).then(() => undefined);
export const signedIn = () => run<string | undefined>(META, 'readonly', (s) => s.get('user'));
