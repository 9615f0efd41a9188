// What the officer app promises to open offline (issue 22), shared by the service worker that keeps
// them and the tests that check it: home (我的帮扶企业 as last synced), the memo form, the drafts list.
export const OFFLINE_PAGES = ['/', '/memos/new', '/memos/drafts'] as const;

/** The Background Sync tag a queued draft registers; the service worker sends the drafts on it. */
export const SYNC_TAG = 'memo-drafts';

/** The kept pages' cache; a deploy that changes what is kept bumps it, and activation deletes every other. */
export const OFFLINE_CACHE = 'bangfu-officer-v1';
