import { FormAlert, type FormState, TextField } from '../components/fields';
import { usePage } from '../context';
import { Layout } from '../layout';

export function SetupPasswordPage({ login, form, action }: { login: string; form: FormState; action: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('setup.title')}>
      <section class="card narrow">
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.intro', { login })}</p>
        <FormAlert form={form} message={t('form.invalid')} />
        <form method="post" action={action}>
          <TextField name="password" type="password" label={t('setup.password')} form={form} required autocomplete="new-password" />
          <TextField name="confirm" type="password" label={t('setup.confirm')} form={form} required autocomplete="new-password" />
          <button type="submit" class="primary">
            {t('setup.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
