import type { Question } from '../../../../schema/form-definition';
import { BUILDER_KINDS } from '../../../../schema/inputs/form-builder';
import { CheckboxField, type FormState, SelectField, TextAreaField, TextField } from '../../../components/fields';
import { usePage } from '../../../context';
import type { BuilderView } from './builder-page';
import { ShowIfFields } from './show-if-fields';

const ID = 'qe-';

/** The fields only some types have, for the type the question is stored as. */
function TypeFields({ q, state }: { q: Question; state: FormState }) {
  const { t } = usePage();
  const common = { form: state, idPrefix: ID };
  const allowNa = <CheckboxField name="allowNa" label={t('builder.edit.allowNa')} form={state} />;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return (
        <>
          <TextAreaField
            name="options"
            label={t('builder.edit.options')}
            hint={t('builder.edit.linesHint')}
            rows={6}
            required
            {...common}
          />
          {q.type === 'multiple' && (
            <div class="grid2">
              <TextField name="min" label={t('builder.edit.minChoices')} inputMode="numeric" maxLength={2} {...common} />
              <TextField name="max" label={t('builder.edit.maxChoices')} inputMode="numeric" maxLength={2} {...common} />
            </div>
          )}
        </>
      );
    case 'likert':
      return allowNa;
    case 'matrix':
      return (
        <>
          <TextAreaField name="rows" label={t('builder.edit.rows')} hint={t('builder.edit.linesHint')} rows={6} required {...common} />
          {allowNa}
        </>
      );
    case 'text':
      return <TextField name="maxLength" label={t('builder.edit.maxLength')} inputMode="numeric" maxLength={4} required {...common} />;
    case 'number':
      return (
        <>
          <div class="grid2">
            <TextField name="min" label={t('builder.edit.minNumber')} inputMode="decimal" maxLength={32} {...common} />
            <TextField name="max" label={t('builder.edit.maxNumber')} inputMode="decimal" maxLength={32} {...common} />
          </div>
          <CheckboxField name="integer" label={t('builder.edit.integer')} form={state} />
        </>
      );
    case 'date':
      return (
        <div class="grid2">
          <TextField name="min" type="date" label={t('builder.edit.minDate')} {...common} />
          <TextField name="max" type="date" label={t('builder.edit.maxDate')} {...common} />
        </div>
      );
    default:
      return null;
  }
}

/** One question's editor: a form holding every property of the question, saved in one move. */
export function QuestionEditor({ view, q, n, state }: { view: BuilderView; q: Question; n: number; state: FormState }) {
  const { t } = usePage();
  const { base } = view;
  const common = { form: state, idPrefix: ID };
  return (
    <form method="post" action={`${base}/question`} class="b-editor" aria-labelledby="h-editor">
      <h3 id="h-editor">{t('builder.edit.legend', { n })}</h3>
      <input type="hidden" name="q" value={q.key} />
      <div class="b-kind">
        <SelectField
          name="kind"
          label={t('builder.edit.kind')}
          hint={t('builder.edit.kindHint')}
          options={BUILDER_KINDS.map((k) => ({ value: k, label: t(`builder.kind.${k}`) }))}
          {...common}
        />
        <button type="submit" name="op" value="kind" data-kind-change>
          {t('builder.edit.changeKind')}
        </button>
      </div>
      <TextAreaField name="title_zh" label={t('builder.edit.title')} rows={2} required maxLength={500} {...common} />
      <TextField name="title_en" label={t('builder.edit.titleEn')} maxLength={500} {...common} />
      <TextAreaField name="help_zh" label={t('builder.edit.help')} rows={2} maxLength={500} {...common} />
      <TextField name="help_en" label={t('builder.edit.helpEn')} maxLength={500} {...common} />
      <CheckboxField name="required" label={t('builder.edit.required')} form={state} />
      <TypeFields q={q} state={state} />
      <ShowIfFields view={view} q={q} state={state} />
      <details class="b-advanced" open={!!state.errors.key}>
        <summary>{t('builder.edit.advanced')}</summary>
        <TextField name="key" label={t('builder.edit.key')} hint={t('builder.edit.keyHint')} required maxLength={40} {...common} />
      </details>
      <div class="actions">
        <button type="submit" name="op" value="save" class="primary">
          {t('builder.edit.save')}
        </button>
        <a href={`${base}?at=q-${q.key}#q-${q.key}`} data-nav>
          {t('builder.edit.cancel')}
        </a>
      </div>
    </form>
  );
}
