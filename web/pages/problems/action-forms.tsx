// The moves the problem's current state allows (worker/problems/transitions.ts allowedActions), one
// small POST form each. Only the form that was just submitted carries the submitted values and errors.
import { ACTION_SEGMENTS, type ProblemActionKind } from '../../../schema/inputs/problems';
import { FOLLOW_UPS } from '../../../schema/memo-tables';
import { emptyForm, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { TextAreaField } from '../memos/controls';
import { actionKey, followUpKey } from './labels';

export type ActiveForm = { action: ProblemActionKind; form: FormState };

/** Each form's own fields; an error on any other key (an unknown field) is listed under the form. */
const FIELDS: Record<ProblemActionKind, string[]> = {
  accept: ['note'],
  progress: ['note'],
  extend: ['deadline', 'reason'],
  close: ['resolution'],
  unresolvable: ['reason'],
  follow_up: ['outcome', 'note'],
  strike_off: ['note'],
};

function Fields({ action, form }: ActiveForm) {
  const { t } = usePage();
  switch (action) {
    case 'accept':
    case 'strike_off':
      return <TextAreaField idPrefix={`${action}-`} name="note" label={t('problem.note')} form={form} maxLength={500} rows={2} />;
    case 'progress':
      return <TextAreaField idPrefix={`${action}-`} name="note" label={t('problem.progress')} form={form} maxLength={1000} />;
    case 'extend':
      return (
        <>
          <TextField name="deadline" label={t('problem.newDeadline')} form={form} type="date" required />
          <TextAreaField idPrefix={`${action}-`} name="reason" label={t('problem.extendReason')} form={form} maxLength={500} rows={2} />
        </>
      );
    case 'close':
      return <TextAreaField idPrefix={`${action}-`} name="resolution" label={t('problem.resolution')} form={form} maxLength={2000} />;
    case 'unresolvable':
      return <TextAreaField idPrefix={`${action}-`} name="reason" label={t('problem.unresolvableReason')} form={form} maxLength={1000} />;
    case 'follow_up':
      return (
        <>
          <SelectField
            name="outcome"
            label={t('problem.followUp')}
            form={form}
            required
            blank={t('problem.pickFollowUp')}
            options={FOLLOW_UPS.map((f) => ({ value: f, label: t(followUpKey(f)) }))}
          />
          <small class="hint">{t('problem.followUpHint')}</small>
          <TextAreaField idPrefix={`${action}-`} name="note" label={t('problem.note')} form={form} maxLength={500} rows={2} />
        </>
      );
  }
}

/** The move the state most calls for; the others stay folded so the page stays short on a phone. */
const NEXT: ProblemActionKind[] = ['accept', 'close', 'follow_up', 'strike_off'];

export function ActionForms({ problemId, allowed, active }: { problemId: string; allowed: ProblemActionKind[]; active?: ActiveForm }) {
  const { t } = usePage();
  if (allowed.length === 0) return <p class="muted">{t('problem.noActions')}</p>;
  const next = allowed.find((a) => NEXT.includes(a));
  return (
    <>
      {allowed.map((action) => {
        const form = active?.action === action ? active.form : emptyForm();
        return (
          <details class="card" open={action === next || active?.action === action}>
            <summary>
              <strong>{t(actionKey(action))}</strong>
            </summary>
            <form method="post" action={`/problems/${problemId}/${ACTION_SEGMENTS[action]}`} data-action={action}>
              <Fields action={action} form={form} />
              {Object.entries(form.errors)
                .filter(([key]) => !FIELDS[action].includes(key))
                .map(([key, message]) => (
                  <p class="error" role="alert">
                    <code>{key}</code>: {message}
                  </p>
                ))}
              <button type="submit" class={action === next ? 'primary' : undefined}>
                {t(actionKey(action))}
              </button>
            </form>
          </details>
        );
      })}
    </>
  );
}
