import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../schema/answers';
import { formDefinition } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';
import { answerErrorText, SurveyFormView, type SurveyFormViewProps } from '../../web/components/survey/form-view';
import { provideCatalogue, translator } from '../../web/i18n';
import { englishCatalogue } from '../../web/i18n/en';
import css from '../../web/styles/survey.css?raw';

// Rendered here directly, not through a request that would load English first (worker/lib/languages.ts).
provideCatalogue('en', englishCatalogue);

const view = (props: Partial<SurveyFormViewProps> = {}) =>
  renderToString(
    <SurveyFormView
      definition={TEMPLATES.satisfaction.definition}
      lang="zh"
      values={{}}
      errors={{}}
      action="/s/submit"
      submitLabel="提交"
      {...props}
    />,
  );

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe('SurveyFormView', () => {
  it('marks a conditional question 必答 only for the script to show: never on the page without JavaScript (issue 17)', () => {
    const html = view();
    // Q9 不满意原因 is required only when shown: its mark is hidden until the script shows the question.
    expect(html).toMatch(
      /data-q="reason"[^>]*>.*?<span class="sv-req" hidden(?:="")?><span aria-hidden="true">\*<\/span><span class="sr">必答<\/span>/s,
    );
    expect(html).toMatch(/data-q="attitude"[^>]*>.*?<span class="sv-req"><span aria-hidden="true">\*/s);
    // The note says when to answer instead.
    expect(html).toContain('请回答本题');
  });

  it('renders every page as a section of one form, numbered, with groups as fieldsets', () => {
    const html = view();
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).toContain('method="post" action="/s/submit"');
    expect(html).toContain('第 1 / 2 页');
    expect(html).toContain('第 2 / 2 页');
    expect(html.match(/data-q="/g)).toHaveLength(10);
    expect(html).toMatch(/<fieldset[^>]*data-q="attitude"[^>]*><legend><span class="sv-n">3\.<\/span> 服务态度/);
    expect(html).toContain('<label for="f-suggestions"><span class="sv-n">10.</span>');
    for (const label of ['非常满意', '满意', '基本满意', '不满意', '非常不满意', '不了解/不适用'])
      expect(html).toContain(`<span>${label}</span>`);
    expect(html.match(/name="attitude"/g)).toHaveLength(6);
  });

  it('marks the conditional question with its rule and a note saying when it applies', () => {
    const html = view();
    const rule = TEMPLATES.satisfaction.definition.pages[1]?.questions.find((q) => q.key === 'reason')?.showIf;
    expect(html).toContain(`data-show-if="${JSON.stringify(rule).replace(/"/g, '&quot;')}"`);
    expect(html).toContain('如对第 3–8 题中任一题选择『不满意』或『非常不满意』，请回答本题。');
    // required, but not natively: it applies only sometimes
    expect(html).not.toMatch(/<textarea[^>]*name="reason"[^>]*required/);
    expect(html).toMatch(/<input[^>]*name="contact_month"[^>]*required/);
  });

  it('keeps the answers given and shows each error beside its question', () => {
    const t = translator('zh');
    const values = { contact_month: 'yes', attitude: '2', suggestions: '<b>好</b>' };
    const result = validateAnswers(TEMPLATES.satisfaction.definition, values, 'form');
    const errors = result.ok ? {} : answerErrorText(result.errors, t);
    const html = view({ values, errors });
    expect(html).toMatch(/value="yes" checked/);
    expect(html).toMatch(/name="attitude" value="2" checked/);
    expect(html).toContain('&lt;b>好&lt;/b></textarea>');
    expect(html).toContain('<p class="sv-err" id="e-onsite_month">此题必答</p>');
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="e-onsite_month"/);
    expect(html).toContain('有 7 处需要修改');
  });

  it('renders text from the definition as text, in English with a Chinese fallback', () => {
    const def = formDefinition.parse({
      title: { zh: '<script>alert(1)</script>', en: '' },
      pages: [
        {
          questions: [
            {
              key: 'a',
              type: 'single',
              title: { zh: '甲', en: 'A' },
              help: { zh: '<img src=x>' },
              options: [
                { value: 'x', label: { zh: '<i>x</i>' } },
                { value: 'y', label: { zh: 'y', en: 'Y' } },
              ],
            },
            { key: 'm', type: 'matrix', required: true, title: { zh: '矩阵' }, rows: [{ key: 'r', label: { zh: '行' } }] },
            { key: 'n', type: 'rating', title: { zh: '评分' } },
          ],
        },
      ],
    });
    const html = view({ definition: def, lang: 'en', errors: { 'm.r': 'Please answer this question' } });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).toContain('<span class="sv-n">1.</span> A');
    expect(html).toContain('<span>Y</span>');
    expect(html).toContain('Very satisfied');
    expect(html).toMatch(/name="m\.r" value="5"[^>]*aria-describedby="r-m\.r e-m\.r"/);
    expect(html.match(/name="n"/g)).toHaveLength(11);
    expect(html).not.toContain('Page 1 of 1');
  });

  it('disables only the submit button in preview', () => {
    expect(view({ disabled: true })).toMatch(/<button type="submit" class="primary" disabled>/);
    expect(view()).not.toMatch(/<button[^>]*disabled/);
  });

  it('keeps the form and its stylesheet well under the 14 KB first-view budget', async () => {
    const size = await gzipSize(view({ definition: TEMPLATES.programme.definition }) + css);
    expect(size).toBeLessThan(8 * 1024);
  });
});
