import { SAMPLING_MODES, type SamplingRule, STRATIFY } from '../../../schema/inputs/rounds';
import { chinaDateTime } from '../../../schema/rules/china-time';
import { AdminShell } from '../../components/admin-shell';
import { DataTable, Pager } from '../../components/data-table';
import { FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import type { Translate } from '../../i18n';

export type RoundSummary = {
  id: string;
  name: string;
  programme: string;
  form: string;
  version: number;
  opensAt: number;
  closesAt: number;
  invited: number;
  opened: number;
  submitted: number;
};
type ListProps = { rows: RoundSummary[]; total: number; page: number; hasNext: boolean; now: number };

export const roundStatus = (r: { opensAt: number; closesAt: number }, now: number) =>
  now < r.opensAt ? 'round.status.upcoming' : now >= r.closesAt ? 'round.status.closed' : 'round.status.open';

export function describeRule(rule: SamplingRule, t: Translate): string {
  const parts = [
    rule.mode === 'count'
      ? t('round.rule.count', { n: rule.n ?? 0 })
      : rule.mode === 'percent'
        ? t('round.rule.percent', { p: rule.percent ?? 0 })
        : t('round.rule.all'),
    t(`round.stratify.${rule.stratify}`),
  ];
  if (rule.excludeDays) parts.push(t('round.rule.exclude', { days: rule.excludeDays }));
  return parts.join(' · ');
}

export function RoundListPage({ rows, total, page, hasNext, now }: ListProps) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.rounds')} action={{ href: '/admin/rounds/new', label: t('round.new') }}>
      <DataTable
        rows={rows}
        columns={[
          { label: t('round.name'), render: (r) => <a href={`/admin/rounds/${r.id}`}>{r.name}</a> },
          { label: t('round.programme'), render: (r) => r.programme },
          { label: t('round.form'), render: (r) => t('round.formVersion', { name: r.form, version: r.version }) },
          { label: t('round.window'), render: (r) => t('round.window', { from: chinaDateTime(r.opensAt), to: chinaDateTime(r.closesAt) }) },
          { label: t('round.status'), render: (r) => t(roundStatus(r, now)) },
          {
            label: t('round.progress'),
            render: (r) => t('round.counts', { invited: r.invited, opened: r.opened, submitted: r.submitted }),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{}} />
    </AdminShell>
  );
}

type Option = { value: string; label: string };

export function RoundFormPage({ form, programmes, versions }: { form: FormState; programmes: Option[]; versions: Option[] }) {
  const { t } = usePage();
  return (
    <AdminShell title={t('round.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      {versions.length === 0 && (
        <p class="alert" role="status">
          {t('round.noForms')}
        </p>
      )}
      <form method="post" action="/admin/rounds" class="card">
        <TextField name="name" label={t('round.name')} hint={t('round.nameHint')} form={form} required maxLength={80} />
        <SelectField name="programmeId" label={t('round.programme')} form={form} required options={programmes} />
        <SelectField name="formVersionId" label={t('round.form')} form={form} required options={versions} />
        <TextField name="opensAt" type="datetime-local" label={t('round.opensAt')} form={form} required />
        <TextField name="closesAt" type="datetime-local" label={t('round.closesAt')} form={form} required />
        <SelectField
          name="mode"
          label={t('round.mode')}
          form={form}
          required
          options={SAMPLING_MODES.map((m) => ({ value: m, label: t(`round.mode.${m}`) }))}
        />
        <TextField name="n" type="number" inputMode="numeric" label={t('round.n')} form={form} />
        <TextField name="percent" type="number" inputMode="numeric" label={t('round.percent')} form={form} />
        <SelectField
          name="stratify"
          label={t('round.stratify')}
          form={form}
          required
          options={STRATIFY.map((s) => ({ value: s, label: t(`round.stratify.${s}`) }))}
        />
        <TextField
          name="excludeDays"
          type="number"
          inputMode="numeric"
          label={t('round.excludeDays')}
          hint={t('round.excludeDaysHint')}
          form={form}
        />
        <TextField name="seed" label={t('round.seed')} hint={t('round.seedHint')} form={form} required maxLength={64} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('round.new')}
          </button>
          <a href="/admin/rounds">{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}
