import { PHASES, type Phase, SATISFACTION_SCALES } from '../../../schema/tables';
import { AdminShell, StatusBadge, ToggleButton } from '../../components/admin-shell';
import { DataTable, Pager, SearchBox } from '../../components/data-table';
import { FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { TextAreaField } from '../memos/controls';

type Programme = { id: string; name: string; startsOn: string; endsOn: string; phase: Phase; disabled: boolean };
type ListProps = { rows: Programme[]; total: number; page: number; hasNext: boolean; q: string };

/** 确定帮扶名单 → 实施帮扶 → 帮扶成效评估 → 总结推广. */
export const PHASE_LABELS: Record<Phase, MessageKey> = {
  pairing: 'programme.phase.pairing',
  assisting: 'programme.phase.assisting',
  evaluating: 'programme.phase.evaluating',
  summarising: 'programme.phase.summarising',
};

export function ProgrammeListPage({ rows, total, page, hasNext, q }: ListProps) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.programmes')} action={{ href: '/admin/programmes/new', label: t('programme.new') }}>
      <SearchBox q={q} label={t('programme.search')} />
      <DataTable
        rows={rows}
        columns={[
          { label: t('programme.name'), render: (p) => p.name },
          { label: t('programme.period'), render: (p) => t('programme.periodValue', { from: p.startsOn, to: p.endsOn }) },
          { label: t('programme.phase'), render: (p) => t(PHASE_LABELS[p.phase]) },
          { label: t('field.status'), render: (p) => <StatusBadge disabled={p.disabled} /> },
          {
            label: t('list.actions'),
            render: (p) => (
              <>
                <a href={`/admin/programmes/${p.id}/edit`}>{t('action.edit')}</a>{' '}
                <a href={`/admin/assignments?programme=${p.id}`}>{t('programme.pairings')}</a>{' '}
                <ToggleButton action={`/admin/programmes/${p.id}`} disabled={p.disabled} />
              </>
            ),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{ q }} />
    </AdminShell>
  );
}

export function ProgrammeFormPage({ form, id }: { form: FormState; id?: string }) {
  const { t } = usePage();
  return (
    <AdminShell title={t(id ? 'programme.edit' : 'programme.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={id ? `/admin/programmes/${id}` : '/admin/programmes'} class="card">
        <TextField name="name" label={t('programme.name')} hint={t('programme.nameHint')} form={form} required maxLength={80} />
        <TextField name="startsOn" type="date" label={t('programme.startsOn')} form={form} required />
        <TextField name="endsOn" type="date" label={t('programme.endsOn')} form={form} required />
        <SelectField
          name="phase"
          label={t('programme.phase')}
          form={form}
          required
          options={PHASES.map((p) => ({ value: p, label: t(PHASE_LABELS[p]) }))}
        />
        <SelectField
          name="satisfactionScale"
          label={t('programme.scale')}
          hint={t('programme.scaleHint')}
          form={form}
          required
          options={SATISFACTION_SCALES.map((s) => ({ value: s, label: t(`stats.scale.${s}`) }))}
        />
        <fieldset>
          <legend>{t('programme.asker')}</legend>
          <p class="hint">{t('programme.askerHint')}</p>
          <TextField name="issuingOffice" label={t('programme.issuingOffice')} form={form} maxLength={80} />
          <TextField name="helpPhone" type="tel" label={t('programme.helpPhone')} form={form} maxLength={32} />
        </fieldset>
        <TextAreaField
          name="privacyNotice"
          label={t('privacy.title')}
          hint={t('programme.privacyHint')}
          form={form}
          maxLength={2000}
          rows={5}
        />
        <TextField
          name="retentionMonths"
          type="number"
          inputMode="numeric"
          label={t('programme.retention')}
          hint={t('programme.retentionHint')}
          form={form}
        />
        <TextField name="confirmWaitDays" type="number" inputMode="numeric" label={t('programme.confirmWait')} form={form} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.save')}
          </button>
          <a href="/admin/programmes">{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}
