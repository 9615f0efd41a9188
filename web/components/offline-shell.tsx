// The officer app's offline parts of every page (issue 22), drawn by the server hidden and brought to
// life by web/offline/page-sync.ts: the "N 份待提交" badge, the offline note and the sign-out question.
// Without JavaScript none of them shows, and sign-out is the plain form it always was.
import { usePage } from '../context';

/** Links to the drafts list; page-sync.ts writes the count into `{n}` and unhides it while drafts wait. */
export function DraftsBadge() {
  const { t } = usePage();
  return (
    <a href="/memos/drafts" class="drafts-badge" data-drafts-badge data-text={t('offline.badge')} hidden>
      {t('offline.badge', { n: 0 })}
    </a>
  );
}

export function OfflineNote() {
  const { t } = usePage();
  return (
    <p class="alert" role="status" data-offline-note hidden>
      {t('offline.note')}
    </p>
  );
}

/** Asked before signing out while drafts wait: send them first, sign out anyway (they stay), or stay. */
export function LogoutDialog() {
  const { t } = usePage();
  return (
    <dialog class="card" data-logout-dialog aria-labelledby="logout-dialog-title">
      <form method="dialog">
        <h2 id="logout-dialog-title" data-text={t('offline.logout.title')}>
          {t('offline.logout.title', { n: 0 })}
        </h2>
        <p>{t('offline.logout.body')}</p>
        <p class="actions">
          <button type="submit" value="send" class="primary">
            {t('offline.logout.send')}
          </button>
          <button type="submit" value="leave">
            {t('offline.logout.leave')}
          </button>
          <button type="submit" value="cancel">
            {t('offline.logout.cancel')}
          </button>
        </p>
      </form>
    </dialog>
  );
}
