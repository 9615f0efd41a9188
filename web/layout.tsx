import type { ComponentChildren } from 'preact';
import { usePage } from './context';

/** The HTML shell of every page: mobile viewport, one stylesheet, the island script with the CSP nonce. */
export function Layout({ title, children, wide }: { title: string; children: ComponentChildren; wide?: boolean }) {
  const { t, lang, user, nonce, path, flash } = usePage();
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          <nav aria-label={t('nav.home')}>
            {user?.role === 'admin' && <a href="/admin">{t('nav.admin')}</a>}
            <form method="post" action="/lang" class="inline">
              <input type="hidden" name="lang" value={lang === 'zh' ? 'en' : 'zh'} />
              <input type="hidden" name="next" value={path} />
              <button type="submit" class="link" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
                {t('lang.switch')}
              </button>
            </form>
            {user && (
              <form method="post" action="/logout" class="inline">
                <button type="submit" class="link">
                  {t('nav.logout')} ({user.name})
                </button>
              </form>
            )}
          </nav>
        </header>
        <main id="main" class={wide ? 'wide' : undefined}>
          {flash && (
            <p class="notice flash" role="status">
              {flash}
            </p>
          )}
          {children}
        </main>
        <script type="module" src="/assets/client.js" nonce={nonce} />
      </body>
    </html>
  );
}
