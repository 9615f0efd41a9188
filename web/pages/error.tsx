import { usePage } from '../context';
import type { MessageKey } from '../i18n';
import { Layout } from '../layout';

/** The page for every refusal and fault: a title, one sentence, a way home. Never SQL or a stack. */
export function ErrorPage({ title, body, fields }: { title: MessageKey; body?: MessageKey; fields?: Record<string, string> }) {
  const { t } = usePage();
  return (
    <Layout title={t(title)}>
      <section class="card narrow">
        <h1>{t(title)}</h1>
        {body && <p>{t(body)}</p>}
        {fields && (
          <ul class="errors">
            {Object.entries(fields).map(([k, v]) => (
              <li>
                <code>{k}</code>: {v}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/">{t('nav.home')}</a>
        </p>
      </section>
    </Layout>
  );
}
