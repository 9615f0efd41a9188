import { FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { Layout } from '../../layout';
import { TextAreaField } from './controls';
import { MemoTextFields, VisitFields } from './memo-fields';

export function MemoEditPage({ memoId, form, until }: { memoId: string; form: FormState; until: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('memo.edit.title')}>
      <h1>{t('memo.edit.title')}</h1>
      <p class="muted">{t('memo.edit.note', { date: until })}</p>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={`/memos/${memoId}/edit`} class="card">
        <MemoTextFields form={form} />
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
        <VisitFields form={form} />
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
