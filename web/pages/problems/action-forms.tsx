// The moves this reader may make on the problem now (schema/rules/problem-moves.ts movesFor), one small
// POST form each. Only the form that was just submitted carries the submitted values and errors.
import { ACTION_SEGMENTS, type ProblemActionKind } from '../../../schema/inputs/problems';
import { FOLLOW_UPS } from '../../../schema/memo-tables';
import { emptyForm, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { CheckboxGroup, TextAreaField } from '../memos/controls';
import { actionKey, followUpKey } from './labels';

export type ActiveForm = { action: ProblemActionKind; form: FormState };
export type DispatchChoices = {
  units: { id: string; name: string }[];
  handlers: { id: string; name: string; unitId: string }[];
  /** The 交办 default from the category's working days (null on a 转办). */
  defaultDeadline: string | null;
};

/** Each form's own fields; an error on any other key (an unknown field) is listed under the form. */
const FIELDS: Record<ProblemActionKind, string[]> = {
  dispatch: ['leadUnitId', 'supportUnitIds', 'assigneeId', 'deadline', 'note'],
  transfer: ['leadUnitId', 'supportUnitIds', 'assigneeId', 'deadline', 'reason'],
  accept: ['note'],
  progress: ['note', 'forEnterprise'],
  note: ['note'],
  request_extension: ['deadline', 'reason'],
  approve_extension: ['note'],
  reject_extension: ['note'],
  close: ['resolution'],
  unresolvable: ['reason'],
  confirm_unresolvable: ['note'],
  follow_up: ['outcome', 'note'],
  confirm: ['outcome', 'reason'],
  strike_off: ['note'],
  supervise: ['note', 'respondBy'],
};

function UnitFields({ form, choices, transfer }: { form: FormState; choices: DispatchChoices; transfer: boolean }) {
  const { t } = usePage();
  const unitName = new Map(choices.units.map((u) => [u.id, u.name]));
  const units = choices.units.map((u) => ({ value: u.id, label: u.name }));
  return (
    <>
      <SelectField name="leadUnitId" label={t('problem.leadUnit')} form={form} required blank={t('problem.pickUnit')} options={units} />
      <CheckboxGroup name="supportUnitIds" legend={t('problem.supportUnits')} form={form} options={units} />
      <SelectField
        name="assigneeId"
        label={t('problem.assignee')}
        form={form}
        blank={t('problem.noAssignee')}
        options={choices.handlers.map((h) => ({ value: h.id, label: `${unitName.get(h.unitId) ?? ''} · ${h.name}` }))}
      />
      <TextField
        name="deadline"
        label={t('problem.deadline')}
        form={form}
        type="date"
        hint={
          transfer || !choices.defaultDeadline ? t('problem.keepDeadline') : t('problem.deadlineDefault', { date: choices.defaultDeadline })
        }
      />
    </>
  );
}

function Fields({ action, form, choices }: ActiveForm & { choices: DispatchChoices | null }) {
  const { t } = usePage();
  const area = (name: string, label: string, max: number, rows = 3) => (
    <TextAreaField idPrefix={`${action}-`} name={name} label={label} form={form} maxLength={max} rows={rows} />
  );
  switch (action) {
    case 'dispatch':
      return (
        <>
          {choices && <UnitFields form={form} choices={choices} transfer={false} />}
          {area('note', t('problem.dispatchNote'), 500, 2)}
        </>
      );
    case 'transfer':
      return (
        <>
          {choices && <UnitFields form={form} choices={choices} transfer />}
          {area('reason', t('problem.transferReason'), 500, 2)}
        </>
      );
    case 'accept':
    case 'approve_extension':
    case 'reject_extension':
    case 'confirm_unresolvable':
    case 'strike_off':
      return area('note', t('problem.note'), 500, 2);
    case 'progress':
      return (
        <>
          {area('note', t('problem.progress'), 1000)}
          <label class="check">
            <input type="checkbox" name="forEnterprise" checked={form.values.forEnterprise === 'on'} /> {t('problem.forEnterprise')}
          </label>
        </>
      );
    case 'confirm':
      return null; // the enterprise's own move, on its page (worker/enterprise-page/)
    case 'note':
      return area('note', t('problem.opinion'), 1000);
    case 'request_extension':
      return (
        <>
          <TextField name="deadline" label={t('problem.newDeadline')} form={form} type="date" required />
          {area('reason', t('problem.extendReason'), 500, 2)}
        </>
      );
    case 'close':
      return area('resolution', t('problem.resolution'), 2000);
    case 'unresolvable':
      return area('reason', t('problem.unresolvableReason'), 1000);
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
          {area('note', t('problem.note'), 500, 2)}
        </>
      );
    case 'supervise':
      return (
        <>
          {area('note', t('problem.superviseNote'), 500, 2)}
          <TextField name="respondBy" label={t('problem.respondBy')} form={form} type="date" required />
        </>
      );
  }
}

/** The move the state most calls for; the others stay folded so the page stays short on a phone. */
const NEXT: ProblemActionKind[] = [
  'dispatch',
  'accept',
  'close',
  'approve_extension',
  'confirm_unresolvable',
  'follow_up',
  'strike_off',
  'note',
];

export function ActionForms({
  problemId,
  allowed,
  active,
  choices,
}: {
  problemId: string;
  allowed: ProblemActionKind[];
  active?: ActiveForm;
  choices: DispatchChoices | null;
}) {
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
              <Fields action={action} form={form} choices={choices} />
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
