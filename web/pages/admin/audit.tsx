// 审计日志 (issue 13): the admin's view of the audit trail — filters by who, what, object and period,
// newest first in keyset pages, a CSV of the same filter, and links to the chain's verification and
// daily anchors. Admin-only (mounted under /admin).
import type { AuditQuery } from '../../../schema/inputs/audit';
import { chinaDateTime } from '../../../schema/rules/china-time';
import type { AuditRow } from '../../../worker/audit/audit.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { emptyForm, TextField } from '../../components/fields';
import { usePage } from '../../context';

/** The filter as query parameters, without blanks (for links and the CSV). */
export function auditParams(q: AuditQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, before: undefined, ...extra })) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function AuditPage({ rows, older, q }: { rows: AuditRow[]; older: number | null; q: AuditQuery }) {
  const { t } = usePage();
  const form = emptyForm({ ...q, from: q.from ?? '', to: q.to ?? '', before: undefined });
  return (
    <AdminShell title={t('audit.title')}>
      <p>
        <a href="/admin/audit/verify">{t('audit.verify')}</a> · <a href="/admin/audit/anchors">{t('audit.anchors')}</a>
      </p>
      <form method="get" class="card filters">
        <div class="grid2">
          <TextField name="who" label={t('audit.who')} hint={t('audit.whoHint')} form={form} maxLength={64} />
          <TextField name="action" label={t('audit.action')} form={form} maxLength={64} />
          <TextField name="objectType" label={t('audit.objectType')} form={form} maxLength={40} />
          <TextField name="objectId" label={t('audit.objectId')} form={form} maxLength={200} />
          <TextField name="from" type="date" label={t('audit.from')} form={form} />
          <TextField name="to" type="date" label={t('audit.to')} form={form} />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('audit.filter')}
          </button>
          <a href={`/admin/audit.csv${auditParams(q)}`}>{t('audit.download')}</a>
        </div>
      </form>
      <DataTable
        rows={rows}
        columns={[
          { label: t('audit.col.id'), render: (r) => String(r.id), class: 'num' },
          { label: t('audit.col.at'), render: (r) => chinaDateTime(r.at) },
          { label: t('audit.col.login'), render: (r) => (r.login ? `${r.login}（${r.name ?? ''}）` : t('audit.anonymous')) },
          {
            label: t('audit.col.action'),
            render: (r) => (
              <>
                <code>{r.action}</code>
                {r.repeats !== null && r.repeats > 1 && (
                  <>
                    {' '}
                    <small class="badge">{t('audit.repeats', { n: r.repeats })}</small>
                  </>
                )}
              </>
            ),
          },
          { label: t('audit.col.objectType'), render: (r) => r.objectType ?? '' },
          { label: t('audit.col.objectId'), render: (r) => <code>{r.objectId ?? ''}</code> },
          { label: t('audit.col.detail'), render: (r) => <code>{r.detail ?? ''}</code> },
          { label: t('audit.col.ip'), render: (r) => r.ip ?? '' },
          { label: t('audit.col.chained'), render: (r) => (r.chained ? '✓' : t('audit.unchained')) },
        ]}
      />
      <nav class="pager" aria-label={t('audit.title')}>
        {q.before !== undefined && <a href={`/admin/audit${auditParams(q)}`}>{t('audit.newest')}</a>}
        {older !== null && <a href={`/admin/audit${auditParams(q, { before: String(older) })}`}>{t('audit.older')}</a>}
      </nav>
    </AdminShell>
  );
}
