// Field groups the new memo, the author's edit and the admin's correction share (web/pages/memos/).
import { MEMO_MODES } from '../../../schema/memo-tables';
import { type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { modeKey } from '../problems/labels';
import { TextAreaField } from './controls';

/** 走访日期 and 走访方式: what 三个一 counts by. */
export function VisitFields({ form }: { form: FormState }) {
  const { t } = usePage();
  return (
    <div class="grid2">
      <TextField name="visitDate" label={t('memo.visitDate')} form={form} type="date" required />
      <SelectField
        name="mode"
        label={t('memo.mode')}
        form={form}
        required
        options={MEMO_MODES.map((m) => ({ value: m, label: t(modeKey(m)) }))}
      />
    </div>
  );
}

/** The text an author may still edit after saving, down to the policies explained (next steps come after the problems). */
export function MemoTextFields({ form }: { form: FormState }) {
  const { t } = usePage();
  return (
    <>
      <TextField name="participants" label={t('memo.participants')} form={form} maxLength={200} hint={t('memo.participantsHint')} />
      <div class="grid2">
        <TextField name="contactName" label={t('memo.contactName')} form={form} maxLength={40} />
        <TextField name="contactTitle" label={t('memo.contactTitle')} form={form} maxLength={40} />
      </div>
      <TextAreaField name="businessSituation" label={t('memo.businessSituation')} form={form} maxLength={2000} rows={4} />
      <TextAreaField name="policiesExplained" label={t('memo.policiesExplained')} form={form} maxLength={2000} />
    </>
  );
}
