import type { ComponentChildren } from 'preact';
import { usePage } from '../../context';

/**
 * The respondent's page shell — deliberately not web/layout.tsx: no app header, no island bundle, one
 * stylesheet, so the first view of a survey fits in one round trip (DESIGN §8: ≤ 14 KB compressed).
 * `enhance` adds the optional survey-enhance.js; everything works without it.
 */
export function SurveyLayout({
  title,
  enhance,
  langSwitch,
  children,
}: {
  title: string;
  enhance?: boolean;
  langSwitch?: boolean;
  children: ComponentChildren;
}) {
  const { t, lang, nonce } = usePage();
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <link rel="stylesheet" href="/assets/respondent.css" />
      </head>
      <body>
        <main id="main">
          {langSwitch && (
            <form method="post" action="/lang" class="rs-top">
              <input type="hidden" name="lang" value={lang === 'zh' ? 'en' : 'zh'} />
              <input type="hidden" name="next" value="/s" />
              <button type="submit" class="link" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
                {t('lang.switch')}
              </button>
            </form>
          )}
          {children}
        </main>
        {enhance && <script type="module" src="/assets/survey-enhance.js" nonce={nonce} />}
      </body>
    </html>
  );
}
