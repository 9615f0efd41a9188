import { AdminShell, StatusBadge, ToggleButton } from '../../components/admin-shell';
import { DataTable, Pager, SearchBox } from '../../components/data-table';
import { FormAlert, type FormState, TextField } from '../../components/fields';
import { usePage } from '../../context';

type Unit = { id: string; name: string; disabled: boolean };
type ListProps = { rows: Unit[]; total: number; page: number; hasNext: boolean; q: string };

export function UnitListPage({ rows, total, page, hasNext, q }: ListProps) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.units')} action={{ href: '/admin/units/new', label: t('unit.new') }}>
      <SearchBox q={q} label={t('unit.search')} />
      <DataTable
        rows={rows}
        columns={[
          { label: t('unit.name'), render: (u) => u.name },
          { label: t('field.status'), render: (u) => <StatusBadge disabled={u.disabled} /> },
          {
            label: t('list.actions'),
            render: (u) => (
              <>
                <a href={`/admin/units/${u.id}/edit`}>{t('action.edit')}</a>{' '}
                <ToggleButton action={`/admin/units/${u.id}`} disabled={u.disabled} />
              </>
            ),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{ q }} />
    </AdminShell>
  );
}

export function UnitFormPage({ form, id }: { form: FormState; id?: string }) {
  const { t } = usePage();
  return (
    <AdminShell title={t(id ? 'unit.edit' : 'unit.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={id ? `/admin/units/${id}` : '/admin/units'} class="card">
        <TextField name="name" label={t('unit.name')} form={form} required maxLength={60} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.save')}
          </button>
          <a href="/admin/units">{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}
