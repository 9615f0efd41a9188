import type { ComponentChildren } from 'preact';
import { AdminShell } from '../../components/admin-shell';
import { FormAlert, type FormState } from '../../components/fields';
import { usePage } from '../../context';
import { TextAreaField } from '../memos/controls';

export type ConfirmProps = {
  title: string;
  /** What will happen, one sentence each: said before, not after. */
  effects: string[];
  action: string;
  confirmLabel: string;
  back: string;
  /** Ask why (作废, 结束 …): the reason goes to the audit log. */
  reason?: { label: string; form: FormState };
  children?: ComponentChildren;
};

/**
 * The step before a destructive action (issue 17): a page of its own that says what will happen, with
 * the one button that does it — a plain form, so it works without JavaScript — and a way back.
 */
export function ConfirmPage({ title, effects, action, confirmLabel, back, reason, children }: ConfirmProps) {
  const { t } = usePage();
  return (
    <AdminShell title={title}>
      {reason && <FormAlert form={reason.form} message={t('form.invalid')} />}
      <form method="post" action={action} class="card confirm">
        <p>{t('confirm.willHappen')}</p>
        <ul>
          {effects.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
        {children}
        {reason && <TextAreaField name="reason" label={reason.label} form={reason.form} maxLength={500} rows={2} />}
        <div class="actions">
          <button type="submit" class="primary danger">
            {confirmLabel}
          </button>
          <a href={back}>{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}
