import { chinaDateTime } from '../../../schema/rules/china-time';
import { AdminShell, StatusBadge, ToggleButton } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { type FormKind, VersionBadge, type VersionStatus } from './forms';

type Version = { version: number; status: VersionStatus; createdAt: number; publishedAt: number | null };
type Props = { form: { id: string; name: string; kind: FormKind; disabled: boolean }; versions: Version[]; notice?: string };

/** A form and its versions. At most one draft exists; a published version only offers "new draft". */
export function FormDetailPage({ form, versions, notice }: Props) {
  const { t } = usePage();
  const hasDraft = versions.some((v) => v.status === 'draft');
  const base = (v: Version) => `/admin/forms/${form.id}/versions/${v.version}`;
  return (
    <AdminShell title={form.name}>
      <p>
        <a href="/admin/forms">{t('action.back')}</a> · {t(form.kind === 'survey' ? 'form.kind.survey' : 'form.kind.memo_extra')} ·{' '}
        <StatusBadge disabled={form.disabled} /> <ToggleButton action={`/admin/forms/${form.id}`} disabled={form.disabled} />
      </p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <h2>{t('form.versions')}</h2>
      <DataTable
        rows={versions}
        columns={[
          { label: t('form.list.version'), render: (v) => <VersionBadge version={v.version} status={v.status} /> },
          { label: t('form.createdAt'), render: (v) => chinaDateTime(v.createdAt) },
          { label: t('form.publishedAt'), render: (v) => (v.publishedAt ? chinaDateTime(v.publishedAt) : '') },
          {
            label: t('list.actions'),
            render: (v) => (
              <>
                <a href={base(v)}>{t(v.status === 'draft' ? 'form.editDraft' : 'form.open')}</a> ·{' '}
                <a href={`${base(v)}/preview`}>{t('form.preview')}</a> · <a href={`${base(v)}/export`}>{t('form.export')}</a>
                {v.status === 'draft' ? (
                  <form method="post" action={`${base(v)}/publish`} class="inline">
                    {' · '}
                    <button type="submit" class="link">
                      {t('form.publish')}
                    </button>
                  </form>
                ) : (
                  !hasDraft && (
                    <form method="post" action={`${base(v)}/next`} class="inline">
                      {' · '}
                      <button type="submit" class="link">
                        {t('form.newDraft')}
                      </button>
                    </form>
                  )
                )}
              </>
            ),
          },
        ]}
      />
    </AdminShell>
  );
}
