// The audit chain's verification and its daily anchors (issue 13): what `npm run audit:verify` reports,
// as a page for the programme office, and the anchors to print or publish. Admin-only.
import { chinaDateTime } from '../../../schema/rules/china-time';
import type { AnchorRow } from '../../../worker/audit/audit.queries';
import type { VerifyReport } from '../../../worker/audit/chain-hash';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';

export function AuditVerifyPage({ report, now, maxRows }: { report: VerifyReport; now: number; maxRows: number }) {
  const { t } = usePage();
  const { broken, brokenAnchor } = report;
  return (
    <AdminShell title={t('audit.verify')}>
      <p class="muted">{t('audit.verify.intro')}</p>
      {broken ? (
        <p class="alert" role="alert" data-verify="broken">
          {t('audit.verify.broken', { id: broken.id, why: t(`audit.verify.why.${broken.why}`) })}{' '}
          <a href={`/admin/audit?before=${broken.id + 1}`}>{t('audit.title')}</a>
        </p>
      ) : brokenAnchor ? (
        <p class="alert" role="alert" data-verify="anchor">
          {t('audit.verify.anchor', { day: brokenAnchor.day, id: brokenAnchor.lastId })}
        </p>
      ) : (
        <p class="notice" data-verify="ok">
          {t('audit.verify.ok', { n: report.checked, anchors: report.anchors })}
        </p>
      )}
      {report.partial && report.lastId !== null && (
        <p>
          {t('audit.verify.partial', { id: report.lastId, max: maxRows })}{' '}
          <a href={`/admin/audit/verify?after=${report.lastId}`}>{t('audit.verify.continue', { id: report.lastId })}</a>
        </p>
      )}
      <p data-unchained={report.unchained}>
        {t('audit.verify.unchained', { n: report.unchained })}
        {report.oldestUnchainedAt !== null &&
          ` ${t('audit.verify.oldest', { at: chinaDateTime(report.oldestUnchainedAt), minutes: Math.floor((now - report.oldestUnchainedAt) / 60_000) })}`}
      </p>
      <p>
        <a href="/admin/audit/anchors">{t('audit.anchors')}</a> · <a href="/admin/audit">{t('audit.title')}</a>
      </p>
    </AdminShell>
  );
}

export function AuditAnchorsPage({ anchors }: { anchors: AnchorRow[] }) {
  const { t } = usePage();
  return (
    <AdminShell title={t('audit.anchors')} action={{ href: '/admin/audit/anchors.csv', label: t('audit.anchors.download') }}>
      <p class="muted">{t('audit.anchors.intro')}</p>
      <DataTable
        rows={anchors}
        columns={[
          { label: t('audit.col.day'), render: (a) => a.day },
          { label: t('audit.col.lastId'), render: (a) => String(a.lastId), class: 'num' },
          { label: t('audit.col.hash'), render: (a) => <code class="hash">{a.hash}</code> },
        ]}
      />
      <p>
        <a href="/admin/audit/verify">{t('audit.verify')}</a>
      </p>
    </AdminShell>
  );
}
