// The same 10-question survey for SurveyJS: 《帮扶满意度调查表》 (schema/form-templates.ts) written as a
// SurveyJS JSON model, with the app's own Chinese labels, the same two pages, the same required
// questions and the same show-if rule (不满意原因 only after 不满意/非常不满意), so the comparison
// differs only in how the page is built.
import type { Question } from '../../schema/form-definition.ts';
import { LIKERT_VALUES, NOT_APPLICABLE } from '../../schema/form-definition.ts';
import { TEMPLATES } from '../../schema/form-templates.ts';
import { translator } from '../../web/i18n/index.ts';

const t = translator('zh');

function element(q: Question) {
  const common = { name: q.key, title: q.title.zh, description: q.help?.zh, isRequired: q.required };
  // SurveyJS expressions: `{reason}` visible when any rated item is one of the listed values.
  const visibleIf = q.showIf?.anyOf.map((r) => `{${r.question}} anyof [${r.values.map((v) => `'${v}'`).join(', ')}]`).join(' or ');
  switch (q.type) {
    case 'yesno':
      return {
        ...common,
        type: 'radiogroup',
        choices: [
          { value: 'yes', text: t('yes') },
          { value: 'no', text: t('no') },
        ],
      };
    case 'likert':
      return {
        ...common,
        type: 'radiogroup',
        choices: [
          ...LIKERT_VALUES.map((v) => ({ value: String(v), text: t(`form.likert.${v}`) })),
          ...(q.allowNotApplicable ? [{ value: NOT_APPLICABLE, text: t('form.na') }] : []),
        ],
      };
    case 'text':
      return { ...common, type: q.multiline ? 'comment' : 'text', maxLength: q.maxLength, visibleIf };
    default:
      throw new Error(`no SurveyJS mapping for ${q.type} (the satisfaction template does not use it)`);
  }
}

export function surveyJson() {
  const def = TEMPLATES.satisfaction.definition;
  return {
    locale: 'zh-cn',
    title: def.title.zh,
    description: def.intro?.zh,
    showProgressBar: 'top',
    pages: def.pages.map((p, i) => ({ name: `page${i + 1}`, title: p.title?.zh, elements: p.questions.map(element) })),
  };
}
