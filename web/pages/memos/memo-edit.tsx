// Changing a saved 帮扶备忘录 (issue 22): the author's edit of its text fields, and the admin's audited
// correction of the enterprise, visit date and mode (the fields 三个一 counts by). Both work without JavaScript.
import { MEMO_MODES } from '../../../schema/memo-tables';
import { FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { Layout } from '../../layout';
import { modeKey } from '../problems/labels';
import { TextAreaField } from './controls';

export function MemoEditPage({ memoId, form, until }: { memoId: string; form: FormState; until: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('memo.edit.title')}>
      <h1>{t('memo.edit.title')}</h1>
      <p class="muted">{t('memo.edit.note', { date: until })}</p>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={`/memos/${memoId}/edit`} class="card">
        <TextField name="participants" label={t('memo.participants')} form={form} maxLength={200} />
        <div class="grid2">
          <TextField name="contactName" label={t('memo.contactName')} form={form} maxLength={40} />
          <TextField name="contactTitle" label={t('memo.contactTitle')} form={form} maxLength={40} />
        </div>
        <TextAreaField name="businessSituation" label={t('memo.businessSituation')} form={form} maxLength={2000} rows={4} />
        <TextAreaField name="policiesExplained" label={t('memo.policiesExplained')} form={form} maxLength={2000} />
        <TextAreaField name="nextSteps" label={t('memo.nextSteps')} form={form} maxLength={2000} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('memo.edit.save')}
          </button>
          <a href={`/memos/${memoId}`}>{t('action.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

type Option = { id: string; name: string };

export function MemoCorrectPage({ memoId, form, enterprises }: { memoId: string; form: FormState; enterprises: Option[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('memo.correct.title')}>
      <h1>{t('memo.correct.title')}</h1>
      <p class="muted">{t('memo.correct.note')}</p>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={`/memos/${memoId}/correct`} class="card">
        <SelectField
          name="enterpriseId"
          label={t('memo.enterprise')}
          form={form}
          required
          options={enterprises.map((e) => ({ value: e.id, label: e.name }))}
        />
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
        <TextField name="reason" label={t('memo.correct.reason')} form={form} maxLength={200} required />
        <div class="actions">
          <button type="submit" class="primary">
            {t('memo.correct.save')}
          </button>
          <a href={`/memos/${memoId}`}>{t('action.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}
