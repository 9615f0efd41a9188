import { SECTORS, type Sector } from '../../../schema/tables';
import { AdminShell, StatusBadge, ToggleButton } from '../../components/admin-shell';
import { DataTable, FilterSelect, Pager, SearchBox } from '../../components/data-table';
import { CheckboxField, FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { Island } from '../../components/island';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

type Enterprise = {
  id: string;
  name: string;
  creditCode: string;
  region: string;
  chainName: string | null;
  sector: Sector;
  aboveScale: boolean;
  contactName: string;
  contactPhone: string;
  disabled: boolean;
};
type ChainOption = { id: string; name: string };
type ListProps = { rows: Enterprise[]; total: number; page: number; hasNext: boolean; q: string; chain: string; chains: ChainOption[] };

const sectorKey = (s: Sector): MessageKey => `ent.sector.${s}`;

export function EnterpriseListPage({ rows, total, page, hasNext, q, chain, chains }: ListProps) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.enterprises')} action={{ href: '/admin/enterprises/new', label: t('ent.new') }}>
      <SearchBox q={q} label={t('ent.search')}>
        <FilterSelect
          name="chain"
          label={t('ent.chain')}
          value={chain}
          all={t('ent.allChains')}
          options={chains.map((ch) => ({ value: ch.id, label: ch.name }))}
        />
      </SearchBox>
      <DataTable
        rows={rows}
        columns={[
          { label: t('ent.name'), render: (e) => e.name },
          { label: t('ent.creditCode'), render: (e) => <code>{e.creditCode}</code> },
          { label: t('ent.region'), render: (e) => e.region },
          { label: t('ent.chain'), render: (e) => e.chainName ?? '' },
          { label: t('ent.sector'), render: (e) => t(sectorKey(e.sector)) },
          { label: t('ent.aboveScale'), render: (e) => t(e.aboveScale ? 'yes' : 'no') },
          { label: t('ent.contact'), render: (e) => [e.contactName, e.contactPhone].filter(Boolean).join(' ') },
          { label: t('field.status'), render: (e) => <StatusBadge disabled={e.disabled} /> },
          {
            label: t('list.actions'),
            render: (e) => (
              <>
                <a href={`/admin/enterprises/${e.id}/edit`}>{t('action.edit')}</a>{' '}
                <ToggleButton action={`/admin/enterprises/${e.id}`} disabled={e.disabled} />
              </>
            ),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={chain ? { q, chain } : { q }} />
    </AdminShell>
  );
}

export function EnterpriseFormPage({ form, id, chains }: { form: FormState; id?: string; chains: ChainOption[] }) {
  const { t } = usePage();
  return (
    <AdminShell title={t(id ? 'ent.edit' : 'ent.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={id ? `/admin/enterprises/${id}` : '/admin/enterprises'} class="card">
        <TextField name="name" label={t('ent.name')} form={form} required maxLength={100} />
        <CreditCodeField form={form} />
        <TextField name="region" label={t('ent.region')} form={form} maxLength={40} />
        <SelectField
          name="chainId"
          label={t('ent.chain')}
          form={form}
          blank={t('ent.noChain')}
          options={chains.map((ch) => ({ value: ch.id, label: ch.name }))}
        />
        <SelectField
          name="sector"
          label={t('ent.sector')}
          form={form}
          required
          blank={t('ent.chooseSector')}
          options={SECTORS.map((s) => ({ value: s, label: t(sectorKey(s)) }))}
        />
        <CheckboxField name="aboveScale" label={t('ent.aboveScaleLabel')} form={form} />
        <TextField name="contactName" label={t('ent.contactName')} form={form} maxLength={40} autocomplete="off" />
        <TextField name="contactPhone" label={t('ent.contactPhone')} form={form} type="tel" maxLength={32} autocomplete="off" />
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.save')}
          </button>
          <a href="/admin/enterprises">{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}

/** The credit-code input is an island (live check-character feedback); the server's message sits under it. */
function CreditCodeField({ form }: { form: FormState }) {
  const { t } = usePage();
  const error = form.errors.creditCode;
  const raw = form.values.creditCode;
  const value = Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="f-creditCode">{t('ent.creditCode')}</label>
      <Island
        name="credit-code-input"
        props={{
          name: 'creditCode',
          value,
          invalidText: t('err.creditCode'),
          okText: t('ent.creditCodeOk'),
          ...(error ? { describedBy: 'e-creditCode' } : {}),
        }}
      />
      {error && (
        <small id="e-creditCode" class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
