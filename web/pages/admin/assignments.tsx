import { AdminShell } from '../../components/admin-shell';
import { DataTable, FilterSelect, Pager, SearchBox } from '../../components/data-table';
import { CheckboxField, FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { ConfirmPage } from './confirm';

type Pairing = {
  id: string;
  enterpriseName: string;
  creditCode: string;
  officerName: string;
  unitName: string | null;
  isLead: boolean;
  startsOn: string;
  endsOn: string | null;
};
type ProgrammeOption = { id: string; name: string; disabled: boolean };
type ListProps = {
  rows: Pairing[];
  total: number;
  page: number;
  hasNext: boolean;
  q: string;
  /** The pairs in force or to come (current), or every pairing ended ones included (history). */
  view: 'current' | 'history';
  programme: string;
  programmes: ProgrammeOption[];
};

/** A row action: a POST form, never a GET link (no mutation on GET). */
function PostButton({ action, label }: { action: string; label: string }) {
  return (
    <form method="post" action={action} class="inline">
      <button type="submit" class="link">
        {label}
      </button>
    </form>
  );
}

export function AssignmentListPage({ rows, total, page, hasNext, q, view, programme, programmes }: ListProps) {
  const { t } = usePage();
  if (!programme) {
    return (
      <AdminShell title={t('admin.assignments')}>
        <p class="empty">
          {t('assign.noProgramme')} <a href="/admin/programmes/new">{t('programme.new')}</a>
        </p>
      </AdminShell>
    );
  }
  return (
    <AdminShell title={t('admin.assignments')} action={{ href: `/admin/assignments/new?programme=${programme}`, label: t('assign.new') }}>
      <SearchBox q={q} label={t('assign.search')}>
        <FilterSelect
          name="programme"
          label={t('assign.programme')}
          value={programme}
          options={programmes.map((p) => ({ value: p.id, label: p.disabled ? t('assign.disabledOption', { name: p.name }) : p.name }))}
        />
        <FilterSelect
          name="view"
          label={t('assign.view')}
          value={view}
          options={[
            { value: 'current', label: t('assign.view.current') },
            { value: 'history', label: t('assign.view.history') },
          ]}
        />
      </SearchBox>
      <DataTable
        rows={rows}
        columns={[
          { label: t('assign.enterprise'), render: (a) => a.enterpriseName },
          { label: t('assign.creditCode'), render: (a) => <code>{a.creditCode}</code> },
          { label: t('assign.officer'), render: (a) => a.officerName },
          { label: t('assign.unit'), render: (a) => a.unitName ?? '' },
          { label: t('assign.lead'), render: (a) => (a.isLead ? <strong>{t('yes')}</strong> : t('no')) },
          { label: t('assign.startsOn'), render: (a) => a.startsOn },
          { label: t('assign.endsOn'), render: (a) => a.endsOn ?? <span class="muted">{t('assign.open')}</span> },
          {
            label: t('list.actions'),
            render: (a) =>
              a.endsOn === null ? (
                <>
                  <PostButton
                    action={`/admin/assignments/${a.id}/${a.isLead ? 'unlead' : 'lead'}`}
                    label={t(a.isLead ? 'assign.unmakeLead' : 'assign.makeLead')}
                  />{' '}
                  <a href={`/admin/assignments/${a.id}/end`}>{t('assign.delete')}</a>
                </>
              ) : (
                <span class="muted">{t('assign.ended')}</span>
              ),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{ programme, q, view }} />
    </AdminShell>
  );
}

type Options = {
  programmes: { id: string; name: string }[];
  officers: { id: string; name: string; unitName: string | null }[];
  enterprises: { id: string; name: string; creditCode: string }[];
};

export function AssignmentFormPage({ form, options }: { form: FormState; options: Options }) {
  const { t } = usePage();
  const programme = typeof form.values.programmeId === 'string' ? form.values.programmeId : '';
  return (
    <AdminShell title={t('assign.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action="/admin/assignments" class="card">
        <SelectField
          name="programmeId"
          label={t('assign.programme')}
          form={form}
          required
          blank={t('assign.pickProgramme')}
          options={options.programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          name="officerId"
          label={t('assign.officer')}
          form={form}
          required
          blank={t('assign.pickOfficer')}
          options={options.officers.map((o) => ({
            value: o.id,
            label: o.unitName ? t('assign.officerOption', { name: o.name, unit: o.unitName }) : o.name,
          }))}
        />
        <SelectField
          name="enterpriseId"
          label={t('assign.enterprise')}
          form={form}
          required
          blank={t('assign.pickEnterprise')}
          options={options.enterprises.map((e) => ({
            value: e.id,
            label: t('assign.enterpriseOption', { name: e.name, code: e.creditCode }),
          }))}
        />
        <CheckboxField name="isLead" label={t('assign.isLead')} form={form} />
        <TextField name="startsOn" type="date" label={t('assign.startsOn')} hint={t('assign.startsOnHint')} form={form} />
        <TextField name="endsOn" type="date" label={t('assign.endsOn')} hint={t('assign.endsOnHint')} form={form} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.save')}
          </button>
          <a href={programme ? `/admin/assignments?programme=${encodeURIComponent(programme)}` : '/admin/assignments'}>
            {t('action.cancel')}
          </a>
        </div>
      </form>
    </AdminShell>
  );
}

/** 解除结对: what it does, and the last day the pairing is in force (today unless the admin says otherwise). */
export function AssignmentEndPage({
  effects,
  action,
  back,
  form,
  startsOn,
}: {
  effects: string[];
  action: string;
  back: string;
  form: FormState;
  startsOn: string;
}) {
  const { t } = usePage();
  return (
    <ConfirmPage title={t('assign.delete')} effects={effects} action={action} confirmLabel={t('assign.delete')} back={back}>
      <FormAlert form={form} message={t('form.invalid')} />
      <TextField name="endsOn" type="date" label={t('assign.endsOn')} hint={t('assign.endHint', { start: startsOn })} form={form} />
    </ConfirmPage>
  );
}
