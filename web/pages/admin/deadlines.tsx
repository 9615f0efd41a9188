// 默认办结时限 of a programme: working days per category, and the programme default in calendar days.
import { PROBLEM_CATEGORIES } from '../../../schema/memo-tables';
import { AdminShell } from '../../components/admin-shell';
import { FormAlert, type FormState, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { categoryKey } from '../problems/labels';

type Props = { programmes: { id: string; name: string }[]; programmeId: string; form: FormState; saved: boolean };

export function DeadlinesPage({ programmes, programmeId, form, saved }: Props) {
  const { t } = usePage();
  return (
    <AdminShell title={t('deadlines.title')}>
      <form method="get" class="search">
        <label for="programme">{t('stats.programme')}</label>
        <select id="programme" name="programme">
          {programmes.map((p) => (
            <option value={p.id} selected={p.id === programmeId}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="submit">{t('problem.filter.apply')}</button>
      </form>
      <p>{t('deadlines.intro')}</p>
      {saved && <p class="notice">{t('deadlines.saved')}</p>}
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={`/admin/deadlines?programme=${programmeId}`} class="card">
        <TextField
          name="defaultDays"
          label={t('deadlines.default')}
          hint={t('deadlines.defaultHint')}
          form={form}
          inputMode="numeric"
          required
        />
        <div class="grid2">
          {PROBLEM_CATEGORIES.map((c) => (
            <TextField name={`days.${c}`} label={t(categoryKey(c))} hint={t('deadlines.daysHint')} form={form} inputMode="numeric" />
          ))}
        </div>
        <button type="submit" class="primary">
          {t('action.save')}
        </button>
      </form>
    </AdminShell>
  );
}
