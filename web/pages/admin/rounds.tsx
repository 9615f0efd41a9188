import { SAMPLING_MODES, type SamplingRule, STRATIFY } from '../../../schema/inputs/rounds';
import { chinaDateTime } from '../../../schema/rules/china-time';
import { pct, rate } from '../../../schema/rules/figures';
import { type RoundState, roundState } from '../../../schema/rules/round-state';
import type { Round } from '../../../worker/surveys/rounds.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable, Pager } from '../../components/data-table';
import { FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import type { Translate } from '../../i18n';

type ListProps = { rows: Round[]; total: number; page: number; hasNext: boolean; now: number };

/** 草稿 / 已排期 / 进行中 / 已结束 / 已作废, as a badge the eye finds in a list. */
export function StateBadge({ state }: { state: RoundState }) {
  const { t } = usePage();
  return <span class={`badge state-${state}`}>{t(`round.state.${state}`)}</span>;
}

/** "2026-06-01 09:00 至 2026-06-15 18:00"; a draft has no start yet: it is chosen at launch. */
export function windowText(r: { status: string; opensAt: number; closesAt: number }, t: Translate): string {
  const to = chinaDateTime(r.closesAt);
  return r.status === 'draft' ? t('round.windowDraft', { to }) : t('round.window', { from: chinaDateTime(r.opensAt), to });
}

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

/** Invited, opened, submitted and the response rate, from the round's counters. */
export const progressText = ({ invited, opened, submitted }: { invited: number; opened: number; submitted: number }, t: Translate) =>
  `${t('round.counts', { invited, opened, submitted })} · ${t('round.responseRate', { rate: pct(rate(submitted, invited).value) })}`;

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
          { label: t('round.windowHeader'), render: (r) => windowText(r, t) },
          { label: t('round.status'), render: (r) => <StateBadge state={roundState(r, now)} /> },
          {
            label: t('round.progress'),
            render: (r) => (r.status === 'draft' ? t('round.drawnCount', { n: r.invited }) : progressText(r, t)),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{}} />
    </AdminShell>
  );
}

type Option = { value: string; label: string };

/** The draft's form: new, or an edit of a draft (drawn again with the same seed on save). */
export function RoundFormPage({
  form,
  programmes,
  versions,
  id,
}: {
  form: FormState;
  programmes: Option[];
  versions: Option[];
  id?: string;
}) {
  const { t } = usePage();
  return (
    <AdminShell title={t(id ? 'round.editDraft' : 'round.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      {versions.length === 0 && (
        <p class="alert" role="status">
          {t('round.noForms')}
        </p>
      )}
      <p class="hint">{t(id ? 'round.editHint' : 'round.draftHint')}</p>
      <form method="post" action={id ? `/admin/rounds/${id}` : '/admin/rounds'} class="card">
        <TextField name="name" label={t('round.name')} hint={t('round.nameHint')} form={form} required maxLength={80} />
        <SelectField name="programmeId" label={t('round.programme')} form={form} required options={programmes} />
        <SelectField name="formVersionId" label={t('round.form')} form={form} required options={versions} />
        <TextField name="closesAt" type="datetime-local" label={t('round.closesAt')} hint={t('round.closesHint')} form={form} required />
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
        <div class="actions">
          <button type="submit" class="primary">
            {t(id ? 'round.saveDraft' : 'round.createDraft')}
          </button>
          <a href={id ? `/admin/rounds/${id}` : '/admin/rounds'}>{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}
