import { AdminShell, StatusBadge, ToggleButton } from '../../components/admin-shell';
import { DataTable, Pager, SearchBox } from '../../components/data-table';
import { FormAlert, type FormState, TextField } from '../../components/fields';
import { usePage } from '../../context';

type Chain = { id: string; name: string; disabled: boolean };
type ListProps = { rows: Chain[]; total: number; page: number; hasNext: boolean; q: string };

export function ChainListPage({ rows, total, page, hasNext, q }: ListProps) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.chains')} action={{ href: '/admin/chains/new', label: t('chain.new') }}>
      <SearchBox q={q} label={t('chain.search')} />
      <DataTable
        rows={rows}
        columns={[
          { label: t('chain.name'), render: (ch) => ch.name },
          { label: t('field.status'), render: (ch) => <StatusBadge disabled={ch.disabled} /> },
          {
            label: t('list.actions'),
            render: (ch) => (
              <>
                <a href={`/admin/chains/${ch.id}/edit`}>{t('action.edit')}</a>{' '}
                <ToggleButton action={`/admin/chains/${ch.id}`} disabled={ch.disabled} />
              </>
            ),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{ q }} />
    </AdminShell>
  );
}

export function ChainFormPage({ form, id }: { form: FormState; id?: string }) {
  const { t } = usePage();
  return (
    <AdminShell title={t(id ? 'chain.edit' : 'chain.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={id ? `/admin/chains/${id}` : '/admin/chains'} class="card">
        <TextField name="name" label={t('chain.name')} form={form} required maxLength={60} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.save')}
          </button>
          <a href="/admin/chains">{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}
