// 帮扶备忘录 form, phone-first and complete without JavaScript: adding a problem row is a plain round
// trip (the `_action=add_problem` button), the memo id is a hidden input the server generated, and
// with JavaScript the memo-draft island keeps a draft in the browser while offline.
import type { ComponentChildren } from 'preact';
import { ADD_PROBLEM, MAX_PROBLEMS } from '../../../schema/inputs/memos';
import { CheckboxField, FormAlert, type FormState, SelectField } from '../../components/fields';
import { Island } from '../../components/island';
import { usePage } from '../../context';
import { Layout } from '../../layout';
import { TextAreaField } from './controls';
import { MemoTextFields, VisitFields } from './memo-fields';
import { PhotoField } from './photo-field';
import { ProblemRow } from './problem-row';

type Option = { id: string; name: string };
type Props = {
  form: FormState;
  rows: number;
  options: { enterprises: Option[]; units: Option[] };
  /** True for the empty form: a draft kept in the browser may be restored into it. */
  fresh: boolean;
  /** Form-engine seam: the published memo_extra questions, once the engine renders them (extra-fields.ts). */
  extra?: ComponentChildren;
};

export const MEMO_FORM_ID = 'memo-form';

/** Errors the form shows beside a field; any other (an unknown field, a bad hidden id) is listed on top. */
const SHOWN =
  /^(enterpriseId|visitDate|mode|participants|contactName|contactTitle|businessSituation|policiesExplained|nextSteps|noRequest|photos|problems|problems\.\d+\.\w+)$/;

export function MemoFormPage({ form, rows, options, fresh, extra }: Props) {
  const { t, user } = usePage();
  const id = typeof form.values.id === 'string' ? form.values.id : '';
  if (options.enterprises.length === 0) {
    return (
      <Layout title={t('memo.new')}>
        <h1>{t('memo.new')}</h1>
        <p class="empty">{t('memo.noEnterprises')}</p>
      </Layout>
    );
  }
  return (
    <Layout title={t('memo.new')}>
      <h1>{t('memo.new')}</h1>
      <FormAlert form={form} message={t('form.invalid')} />
      <ul class="errors">
        {Object.entries(form.errors)
          .filter(([key]) => !SHOWN.test(key))
          .map(([key, message]) => (
            <li class="error">
              <code>{key}</code>: {message}
            </li>
          ))}
      </ul>
      <form method="post" action="/memos" id={MEMO_FORM_ID} class="card" enctype="multipart/form-data">
        {/* Enter in a text box submits with the first submit button: make that "save", not "add a problem". */}
        {/* An <input>, not a <button>: app.css gives buttons display:inline-block, which would unhide it. */}
        <input type="submit" hidden tabIndex={-1} value={t('memo.save')} />
        <input type="hidden" name="id" value={id} />
        <SelectField
          name="enterpriseId"
          label={t('memo.enterprise')}
          form={form}
          required
          blank={t('memo.pickEnterprise')}
          options={options.enterprises.map((e) => ({ value: e.id, label: e.name }))}
        />
        <VisitFields form={form} />
        <MemoTextFields form={form} />
        <fieldset class="field">
          <legend>
            <strong>{t('memo.problems')}</strong>
          </legend>
          {form.errors.problems && (
            <p id="e-problems" class="error" role="alert">
              {form.errors.problems}
            </p>
          )}
          <CheckboxField name="noRequest" label={t('memo.noRequest')} form={form} />
          <div data-problem-rows>
            {Array.from({ length: rows }, (_, i) => (
              <ProblemRow index={i} form={form} units={options.units} />
            ))}
          </div>
          {rows < MAX_PROBLEMS && (
            <button type="submit" name="_action" value={ADD_PROBLEM} formNoValidate>
              {t('memo.addProblem')}
            </button>
          )}
        </fieldset>
        <TextAreaField name="nextSteps" label={t('memo.nextSteps')} form={form} maxLength={2000} />
        <PhotoField error={form.errors.photos} />
        {extra}
        <Island
          name="memo-draft"
          props={{
            storageKey: `bangfu.memo-draft.${user?.id ?? ''}`,
            formId: MEMO_FORM_ID,
            fresh,
            maxRows: MAX_PROBLEMS,
            texts: {
              queued: t('memo.draft.queued'),
              restored: t('memo.draft.restored'),
              rowLabel: t('memo.problemN'),
              discard: t('memo.draft.discard'),
              removeRow: t('offline.removeRow'),
              editing: t('offline.editing'),
              photosKept: t('offline.photosKept'),
            },
          }}
        />
        <div class="actions">
          <button type="submit" class="primary">
            {t('memo.save')}
          </button>
          <a href="/">{t('action.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}
