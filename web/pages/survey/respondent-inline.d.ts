// The respondent's stylesheet and enhancement script as built by Vite (dist/client/assets/respondent.css
// and survey-enhance.js), written by `vite build` into dist/respondent-inline.js (vite.config.ts) and
// imported as `#respondent-inline` (package.json "imports"); this file gives it its types before a build.

/** dist/client/assets/respondent.css: the contents of the respondent pages' inline <style>. */
export declare const respondentCss: string;
/** `sha256-…` of respondentCss: the CSP allows the inline <style> by this hash (worker/app.tsx). */
export declare const respondentCssHash: string;
/** dist/client/assets/survey-enhance.js: the contents of the inline <script type="module">. */
export declare const surveyEnhanceJs: string;
