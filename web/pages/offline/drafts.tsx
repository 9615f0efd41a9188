// 待提交的备忘录: the memos kept on this device until the connection returns (issue 22). The list lives
// in the browser (web/islands/drafts-list.tsx); the page itself holds only the officer's own enterprise
// names, so the service worker may keep it and it opens offline.
import { Island } from '../../components/island';
import { usePage } from '../../context';
import { Layout } from '../../layout';

export function DraftsPage({ enterprises }: { enterprises: { id: string; name: string }[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('offline.drafts.title')}>
      <h1>{t('offline.drafts.title')}</h1>
      <p class="muted">{t('offline.drafts.intro')}</p>
      <noscript>
        <p class="alert">{t('offline.drafts.needsScript')}</p>
      </noscript>
      <Island
        name="drafts-list"
        props={{
          enterprises: Object.fromEntries(enterprises.map((e) => [e.id, e.name])),
          texts: {
            none: t('offline.drafts.none'),
            queuedAt: t('offline.drafts.queuedAt'),
            waiting: t('offline.drafts.waiting'),
            refused: t('offline.drafts.refused'),
            edit: t('offline.drafts.edit'),
            send: t('offline.drafts.send'),
            discard: t('offline.drafts.discard'),
            discardConfirm: t('offline.drafts.discardConfirm'),
            noEnterprise: t('offline.drafts.noEnterprise'),
            photos: t('offline.drafts.photos'),
          },
        }}
      />
      <p class="actions">
        <a class="button primary" href="/memos/new">
          {t('home.newMemo')}
        </a>
        <a href="/">{t('home.title')}</a>
      </p>
    </Layout>
  );
}
