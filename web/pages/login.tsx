import { FormAlert, type FormState, TextField } from '../components/fields';
import { type Privacy, PrivacyNotice } from '../components/privacy-notice';
import { usePage } from '../context';
import type { MessageKey } from '../i18n';
import { Layout } from '../layout';

export function LoginPage({ form, notice, next, privacy }: { form: FormState; notice?: MessageKey; next?: string; privacy?: Privacy }) {
  const { t } = usePage();
  return (
    <Layout title={t('login.title')}>
      <section class="card narrow">
        <h1>{t('login.title')}</h1>
        <p class="muted">{t('app.tagline')}</p>
        {notice && (
          <p class="alert" role="alert">
            {t(notice)}
          </p>
        )}
        <FormAlert form={form} message={t('form.invalid')} />
        <form method="post" action="/login">
          {next && <input type="hidden" name="next" value={next} />}
          <TextField name="login" label={t('login.login')} form={form} required maxLength={64} autocomplete="username" />
          <TextField name="password" type="password" label={t('login.password')} form={form} required autocomplete="current-password" />
          <button type="submit" class="primary">
            {t('login.submit')}
          </button>
        </form>
        {privacy && <PrivacyNotice privacy={privacy} />}
      </section>
    </Layout>
  );
}
