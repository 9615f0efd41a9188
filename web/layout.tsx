import type { ComponentChildren } from 'preact';
import { DraftsBadge, LogoutDialog, OfflineNote } from './components/offline-shell';
import { usePage } from './context';

/** The HTML shell of every page: mobile viewport, one stylesheet, the island script with the CSP nonce. */
export function Layout({ title, children, wide }: { title: string; children: ComponentChildren; wide?: boolean }) {
  const { t, lang, user, nonce, path, flash } = usePage();
  // The officer side is the installable app that works offline (issue 22; web/offline/).
  const officer = user?.role === 'officer';
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        {officer && <link rel="manifest" href="/manifest.webmanifest" />}
        {officer && <meta name="theme-color" content="#b3261e" />}
      </head>
      <body data-user={user?.id} data-role={user?.role}>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          <nav aria-label={t('nav.home')}>
            {user?.role === 'admin' && <a href="/admin">{t('nav.admin')}</a>}
            {officer && <DraftsBadge />}
            <form method="post" action="/lang" class="inline">
              <input type="hidden" name="lang" value={lang === 'zh' ? 'en' : 'zh'} />
              <input type="hidden" name="next" value={path} />
              <button type="submit" class="link" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
                {t('lang.switch')}
              </button>
            </form>
            {user && (
              <form method="post" action="/logout" class="inline" data-logout>
                <button type="submit" class="link">
                  {t('nav.logout')} ({user.name})
                </button>
              </form>
            )}
          </nav>
        </header>
        <main id="main" class={wide ? 'wide' : undefined}>
          {officer && <OfflineNote />}
          {flash && (
            <p class="notice flash" role="status">
              {flash}
            </p>
          )}
          {children}
        </main>
        {officer && <LogoutDialog />}
        <script type="module" src="/assets/client.js" nonce={nonce} />
      </body>
    </html>
  );
}
