import type { ComponentChildren } from 'preact';
import { respondentCss, surveyEnhanceJs } from '#respondent-inline';
import { usePage } from '../../context';

/**
 * The respondent's page shell — deliberately not web/layout.tsx: no app header, no island bundle, and
 * its stylesheet and script inline, so the first view of a survey is one request and one round trip
 * (DESIGN §8: ≤ 14 KB compressed; a linked stylesheet was a second, render-blocking round trip).
 * Both are the Vite build's files (#respondent-inline); the CSP allows the style by its hash and the
 * script by the request's nonce.
 * `enhance` adds the optional survey-enhance.js; everything works without it.
 */
export function SurveyLayout({
  title,
  enhance,
  langSwitch,
  next = '/s',
  children,
}: {
  title: string;
  enhance?: boolean;
  langSwitch?: boolean;
  /** Where the language switch comes back to: the survey, or the enterprise's 我的诉求 page (issue 16). */
  next?: string;
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
        {/* Raw text from the build, never user input (vite.config.ts refuses a `</style` in it); the CSP
            allows it by its hash, so the page carries no per-request value unless it has the script. */}
        <style dangerouslySetInnerHTML={{ __html: respondentCss }} />
      </head>
      <body>
        <main id="main">
          {langSwitch && (
            <form method="post" action="/lang" class="rs-top">
              <input type="hidden" name="lang" value={lang === 'zh' ? 'en' : 'zh'} />
              <input type="hidden" name="next" value={next} />
              <button type="submit" class="link" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
                {t('lang.switch')}
              </button>
            </form>
          )}
          {children}
        </main>
        {enhance && <script type="module" nonce={nonce} dangerouslySetInnerHTML={{ __html: surveyEnhanceJs }} />}
      </body>
    </html>
  );
}
