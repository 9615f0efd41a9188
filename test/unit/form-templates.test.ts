import { describe, expect, it } from 'vitest';
import { allQuestions, formDefinition } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';

describe('built-in templates', () => {
  it('both parse with the form-definition schema, unchanged by a round trip through JSON', () => {
    for (const { definition } of Object.values(TEMPLATES)) {
      const parsed = formDefinition.safeParse(JSON.parse(JSON.stringify(definition)));
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual(definition);
    }
  });

  it('《帮扶满意度调查表》 asks the ten questions of DESIGN §4 in order', () => {
    const { definition, name } = TEMPLATES.satisfaction;
    expect(name.zh).toBe('帮扶满意度调查表');
    const qs = allQuestions(definition);
    expect(qs.map((q) => [q.key, q.type, q.required])).toEqual([
      ['contact_month', 'yesno', true],
      ['onsite_month', 'yesno', true],
      ['attitude', 'likert', true],
      ['responsiveness', 'likert', true],
      ['effectiveness', 'likert', true],
      ['policy_help', 'likert', true],
      ['integrity', 'likert', true],
      ['overall', 'likert', true],
      ['reason', 'text', true],
      ['suggestions', 'text', false],
    ]);
    expect(qs.map((q) => q.title.zh).slice(2, 8)).toEqual([
      '服务态度',
      '诉求响应及时性',
      '问题解决实效',
      '惠企政策宣传解读与申报帮助',
      '工作作风与廉洁自律（有无吃拿卡要、增加企业负担）',
      '总体满意度',
    ]);
    for (const q of qs) expect(q.title.en).not.toBe('');
    for (const q of qs.slice(2, 8)) expect(q.type === 'likert' && q.allowNotApplicable).toBe(true);
    const reason = qs[8];
    expect(reason?.type === 'text' && reason.multiline).toBe(true);
    expect(reason?.showIf?.anyOf).toEqual(qs.slice(2, 8).map((q) => ({ question: q.key, values: ['2', '1'] })));
  });

  it('the programme survey has two pages with a matrix, a 0–10 rating and a pick of at most 3', () => {
    const { definition, name } = TEMPLATES.programme;
    expect(name.zh).toContain('百人帮百企');
    expect(definition.pages).toHaveLength(2);
    const qs = allQuestions(definition);
    const matrix = qs.find((q) => q.type === 'matrix');
    expect(matrix?.type === 'matrix' && matrix.rows.length).toBeGreaterThanOrEqual(4);
    expect(qs.find((q) => q.type === 'rating')?.title.zh).toBe('您向同行推荐这项帮扶行动的可能性');
    const multiple = qs.find((q) => q.type === 'multiple');
    expect(multiple?.type === 'multiple' && multiple.max).toBe(3);
    expect(qs.some((q) => q.type === 'text' && !q.required)).toBe(true);
  });
});
