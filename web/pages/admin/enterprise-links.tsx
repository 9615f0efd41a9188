// 企业专属链接 (issue 16): the paired enterprises of the current programme and their 我的诉求 link's
// state. The links themselves appear only on the printable sheet; officers never reach this page.
import { chinaDateTime } from '../../../schema/rules/china-time';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';

type Row = { enterpriseId: string; name: string; linkId: string | null; issuedAt: number | null };

export function EnterpriseLinksPage({ programme, rows }: { programme: { name: string } | null; rows: Row[] }) {
  const { t } = usePage();
  return (
    <AdminShell title={t('elinks.title')}>
      <p class="hint">{t('elinks.hint')}</p>
      {!programme ? (
        <p class="empty">{t('elinks.noProgramme')}</p>
      ) : (
        <>
          <p>{programme.name}</p>
          <div class="actions">
            <form method="post" action="/admin/enterprise-links/issue">
              <button type="submit" class="primary">
                {t('elinks.issueAll')}
              </button>
            </form>
            <a class="button" href="/admin/enterprise-links/sheet">
              {t('elinks.sheet')}
            </a>
          </div>
          <DataTable
            rows={rows}
            columns={[
              { label: t('problem.enterprise'), render: (r) => r.name },
              { label: t('elinks.issuedAt'), render: (r) => (r.issuedAt ? chinaDateTime(r.issuedAt) : t('elinks.none')) },
              {
                label: t('list.actions'),
                render: (r) => (
                  <form method="post" action={`/admin/enterprise-links/${r.enterpriseId}/reissue`}>
                    <button type="submit" aria-label={t('elinks.reissueOf', { name: r.name })}>
                      {t('elinks.reissue')}
                    </button>
                  </form>
                ),
              },
            ]}
          />
        </>
      )}
    </AdminShell>
  );
}
