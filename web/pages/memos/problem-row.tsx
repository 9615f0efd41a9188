// One 企业诉求/问题 row of the memo form. Inputs are named `problems.<i>.<field>` so the server's error
// keys match them, and so the draft script can clone a row by renumbering the names.
import { PROBLEM_CATEGORIES, URGENCIES } from '../../../schema/memo-tables';
import { CheckboxField, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { categoryKey, urgencyKey } from '../problems/labels';
import { CheckboxGroup, TextAreaField } from './controls';

type Unit = { id: string; name: string };

export function ProblemRow({ index, form, units }: { index: number; form: FormState; units: Unit[] }) {
  const { t } = usePage();
  const n = (field: string) => `problems.${index}.${field}`;
  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  return (
    <fieldset class="card" data-problem-row={index}>
      <legend data-row-label>{t('memo.problemN', { n: index + 1 })}</legend>
      <SelectField
        name={n('category')}
        label={t('problem.category')}
        form={form}
        blank={t('memo.pickCategory')}
        options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))}
      />
      <TextAreaField name={n('description')} label={t('problem.description')} form={form} maxLength={1000} />
      <div class="grid2">
        <SelectField
          name={n('urgency')}
          label={t('problem.urgency')}
          form={form}
          options={URGENCIES.map((u) => ({ value: u, label: t(urgencyKey(u)) }))}
        />
        <TextField name={n('deadline')} label={t('problem.deadline')} form={form} type="date" hint={t('memo.deadlineHint')} />
      </div>
      <SelectField name={n('leadUnitId')} label={t('problem.proposedUnit')} form={form} blank={t('memo.noUnit')} options={unitOptions} />
      <CheckboxGroup name={n('supportUnitIds')} legend={t('problem.supportUnits')} form={form} options={unitOptions} />
      <CheckboxField name={n('onSpot')} label={t('memo.onSpot')} form={form} />
      <TextField name={n('resolution')} label={t('memo.onSpotResolution')} form={form} maxLength={1000} hint={t('memo.onSpotHint')} />
    </fieldset>
  );
}
