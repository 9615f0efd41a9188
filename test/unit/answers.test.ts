import { describe, expect, it } from 'vitest';
import { isShown, rollupOption, validateAnswers } from '../../schema/answers';
import { allQuestions, formDefinition } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';

const L = (zh: string) => ({ zh });
const opts = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));

/** One optional question of every type, plus required ones that make the error cases visible. */
const def = formDefinition.parse({
  title: L('测试'),
  pages: [
    {
      questions: [
        { key: 'single', type: 'single', title: L('单选'), options: opts('a', 'b') },
        { key: 'multi', type: 'multiple', title: L('多选'), options: opts('x', 'y', 'z', 'w'), min: 2, max: 3 },
        { key: 'lik', type: 'likert', title: L('量表'), allowNotApplicable: true },
        { key: 'strict', type: 'likert', title: L('无不适用') },
        {
          key: 'mat',
          type: 'matrix',
          title: L('矩阵'),
          rows: [
            { key: 'r1', label: L('一') },
            { key: 'r2', label: L('二') },
          ],
          allowNotApplicable: true,
        },
        { key: 'nps', type: 'rating', title: L('评分') },
        { key: 'yn', type: 'yesno', title: L('是否') },
      ],
    },
    {
      questions: [
        { key: 'txt', type: 'text', title: L('文本'), maxLength: 5 },
        { key: 'num', type: 'number', title: L('数字'), min: 0, max: 100, integer: true },
        { key: 'dec', type: 'number', title: L('小数') },
        { key: 'day', type: 'date', title: L('日期'), min: '2024-01-01', max: '2025-12-31' },
      ],
    },
  ],
});

const ok = (values: Record<string, unknown>, source: 'form' | 'json' = 'form') => {
  const r = validateAnswers(def, values, source);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.rows;
};
const errorsOf = (values: Record<string, unknown>, source: 'form' | 'json' = 'form') => {
  const r = validateAnswers(def, values, source);
  return r.ok ? {} : r.errors;
};
const keyOf = (values: Record<string, unknown>, name: string, source: 'form' | 'json' = 'form') => errorsOf(values, source)[name]?.key;
const n = (questionKey: string, numValue: number) => ({ questionKey, numValue, textValue: null });
const s = (questionKey: string, textValue: string) => ({ questionKey, numValue: null, textValue });

describe('validateAnswers: normalisation', () => {
  it('turns a full HTML form into rows in question order', () => {
    const rows = ok({
      single: 'b',
      multi: ['z', 'x'],
      lik: '5',
      strict: '1',
      'mat.r1': '4',
      'mat.r2': 'na',
      nps: '0',
      yn: 'no',
      txt: '  好  ',
      num: '42',
      dec: '-3.5',
      day: '2024-02-29',
    });
    expect(rows).toEqual([
      s('single', 'b'),
      s('multi', 'x'),
      s('multi', 'z'),
      n('lik', 5),
      n('strict', 1),
      n('mat.r1', 4),
      s('mat.r2', 'na'),
      n('nps', 0),
      n('yn', 0),
      s('txt', '好'),
      n('num', 42),
      n('dec', -3.5),
      s('day', '2024-02-29'),
    ]);
  });

  it('accepts the same answers typed as JSON', () => {
    const rows = ok({ lik: 'na', 'mat.r1': 3, nps: 10, yn: true, num: 7, multi: ['y', 'x'] }, 'json');
    expect(rows).toEqual([s('multi', 'x'), s('multi', 'y'), s('lik', 'na'), n('mat.r1', 3), n('nps', 10), n('yn', 1), n('num', 7)]);
    expect(ok({ yn: 'yes' }, 'json')).toEqual([n('yn', 1)]);
  });

  it('stores nothing for blank optional answers, and a lone checkbox counts as one choice', () => {
    expect(ok({ single: '', txt: '   ', num: '', day: '' })).toEqual([]);
    expect(ok({})).toEqual([]);
    expect(keyOf({ multi: 'x' }, 'multi')).toBe('answer.err.minChoices');
  });

  it('labels rollup options by text, else by number', () => {
    expect(rollupOption(s('lik', 'na'))).toBe('na');
    expect(rollupOption(n('lik', 4))).toBe('4');
    expect(rollupOption(n('nps', 0))).toBe('0');
  });
});

describe('validateAnswers: refusals', () => {
  it('refuses values outside the options and scales', () => {
    expect(keyOf({ single: 'c' }, 'single')).toBe('answer.err.choice');
    expect(keyOf({ multi: ['x', 'q'] }, 'multi')).toBe('answer.err.choice');
    expect(keyOf({ multi: ['x', 'x'] }, 'multi')).toBe('answer.err.repeated');
    expect(errorsOf({ multi: ['x', 'y', 'z', 'w'] }).multi).toEqual({ key: 'answer.err.maxChoices', params: { max: 3 } });
    expect(keyOf({ lik: '6' }, 'lik')).toBe('answer.err.choice');
    expect(keyOf({ lik: '0' }, 'lik')).toBe('answer.err.choice');
    expect(keyOf({ lik: 2.5 }, 'lik', 'json')).toBe('answer.err.choice');
    expect(keyOf({ strict: 'na' }, 'strict')).toBe('answer.err.choice');
    expect(keyOf({ 'mat.r2': '9' }, 'mat.r2')).toBe('answer.err.choice');
    expect(errorsOf({ nps: '11' }).nps).toEqual({ key: 'answer.err.max', params: { max: 10 } });
    expect(keyOf({ nps: -1 }, 'nps', 'json')).toBe('answer.err.min');
    expect(keyOf({ nps: '7.5' }, 'nps')).toBe('answer.err.integer');
    expect(keyOf({ yn: 'maybe' }, 'yn')).toBe('answer.err.choice');
  });

  it('refuses out-of-range, fractional and non-finite numbers', () => {
    expect(errorsOf({ num: '101' }).num).toEqual({ key: 'answer.err.max', params: { max: 100 } });
    expect(errorsOf({ num: -1 }, 'json').num).toEqual({ key: 'answer.err.min', params: { min: 0 } });
    expect(keyOf({ num: '4.2' }, 'num')).toBe('answer.err.integer');
    expect(keyOf({ dec: 'abc' }, 'dec')).toBe('answer.err.number');
    expect(keyOf({ dec: '1e309' }, 'dec')).toBe('answer.err.number');
    expect(keyOf({ dec: '0x10' }, 'dec')).toBe('answer.err.number');
    expect(keyOf({ dec: Number.NaN }, 'dec', 'json')).toBe('answer.err.number');
    expect(keyOf({ dec: JSON.parse('1e309') }, 'dec', 'json')).toBe('answer.err.number');
    expect(keyOf({ dec: Number.NEGATIVE_INFINITY }, 'dec', 'json')).toBe('answer.err.number');
  });

  it('holds JSON to its types: no strings for numbers, no arrays for single values', () => {
    expect(keyOf({ num: '5' }, 'num', 'json')).toBe('answer.err.type');
    expect(keyOf({ lik: '5' }, 'lik', 'json')).toBe('answer.err.type');
    expect(keyOf({ nps: '5' }, 'nps', 'json')).toBe('answer.err.type');
    expect(keyOf({ single: ['a'] }, 'single', 'json')).toBe('answer.err.type');
    expect(keyOf({ single: ['a', 'b'] }, 'single')).toBe('answer.err.type');
    expect(keyOf({ multi: 'x' }, 'multi', 'json')).toBe('answer.err.type');
    expect(keyOf({ multi: ['x', 1] }, 'multi', 'json')).toBe('answer.err.type');
    expect(keyOf({ txt: 5 }, 'txt', 'json')).toBe('answer.err.type');
    expect(keyOf({ yn: 1 }, 'yn', 'json')).toBe('answer.err.type');
    expect(keyOf({ day: { y: 2024 } }, 'day', 'json')).toBe('answer.err.type');
  });

  it('refuses long text, NUL characters and bad or out-of-range dates', () => {
    expect(errorsOf({ txt: '一二三四五六' }).txt).toEqual({ key: 'answer.err.tooLong', params: { max: 5 } });
    expect(ok({ txt: '一二三四五' })).toEqual([s('txt', '一二三四五')]);
    expect(keyOf({ txt: 'a\u0000b' }, 'txt')).toBe('answer.err.nul');
    expect(keyOf({ multi: ['x', 'y\u0000'] }, 'multi', 'json')).toBe('answer.err.nul');
    expect(keyOf({ day: '2025-02-29' }, 'day')).toBe('answer.err.date');
    expect(keyOf({ day: '2024/01/02' }, 'day')).toBe('answer.err.date');
    expect(errorsOf({ day: '2023-12-31' }).day).toEqual({ key: 'answer.err.min', params: { min: '2024-01-01' } });
    expect(keyOf({ day: '2026-01-01' }, 'day')).toBe('answer.err.max');
  });

  it('reports unknown names under their own name, hostile ones included', () => {
    const errors = errorsOf(JSON.parse('{"nope":"1","__proto__":"x","mat.r9":"1","mat":"1"}'), 'json');
    expect(Object.keys(errors).sort()).toEqual(['__proto__', 'mat', 'mat.r9', 'nope']);
    expect(errors.nope).toEqual({ key: 'answer.err.unknown' });
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
  });

  it('collects every error at once', () => {
    expect(Object.keys(errorsOf({ single: 'c', num: '1000', txt: 'x'.repeat(9) })).sort()).toEqual(['num', 'single', 'txt']);
  });
});

describe('show-if and required', () => {
  const satisfaction = TEMPLATES.satisfaction.definition;
  const base = {
    contact_month: 'yes',
    onsite_month: 'no',
    attitude: '5',
    responsiveness: '4',
    effectiveness: '3',
    policy_help: 'na',
    integrity: '5',
  };

  it('requires every shown required question, per matrix row too', () => {
    const r = validateAnswers(satisfaction, {}, 'form');
    expect(r.ok ? [] : Object.keys(r.errors)).toEqual([
      'contact_month',
      'onsite_month',
      'attitude',
      'responsiveness',
      'effectiveness',
      'policy_help',
      'integrity',
      'overall',
    ]);
    const programme = validateAnswers(TEMPLATES.programme.definition, { 'effect.quality': '5' }, 'form');
    expect(programme.ok ? {} : programme.errors['effect.compliance']).toEqual({ key: 'answer.err.required' });
  });

  it('hides the reason while every item is positive and drops an answer given to it', () => {
    const r = validateAnswers(satisfaction, { ...base, overall: '4', reason: '不该存', suggestions: '' }, 'form');
    expect(r.ok && r.rows.map((row) => row.questionKey)).toEqual([
      'contact_month',
      'onsite_month',
      'attitude',
      'responsiveness',
      'effectiveness',
      'policy_help',
      'integrity',
      'overall',
    ]);
    expect(r.ok && r.rows.find((row) => row.questionKey === 'policy_help')).toEqual(s('policy_help', 'na'));
  });

  it('requires the reason after 不满意 or 非常不满意, and stores it', () => {
    for (const negative of ['2', '1']) {
      const missing = validateAnswers(satisfaction, { ...base, overall: negative }, 'form');
      expect(missing.ok ? {} : missing.errors).toEqual({ reason: { key: 'answer.err.required' } });
      const given = validateAnswers(satisfaction, { ...base, overall: negative, reason: ' 响应慢 ' }, 'form');
      expect(given.ok && given.rows.at(-1)).toEqual(s('reason', '响应慢'));
    }
    const json = validateAnswers(
      satisfaction,
      {
        contact_month: true,
        onsite_month: false,
        attitude: 5,
        responsiveness: 4,
        effectiveness: 3,
        integrity: 5,
        policy_help: 1,
        overall: 'na',
      },
      'json',
    );
    expect(json.ok ? {} : json.errors).toEqual({ reason: { key: 'answer.err.required' } });
  });

  it('evaluates rules against raw values, matrix rows by full name or by question', () => {
    const reason = allQuestions(satisfaction).find((q) => q.key === 'reason');
    if (!reason) throw new Error('no reason question');
    expect(isShown(reason, {})).toBe(false);
    expect(isShown(reason, { attitude: 2 })).toBe(true);
    expect(isShown(reason, { attitude: '3', overall: ['1'] })).toBe(true);
    expect(isShown(reason, { attitude: 'na' })).toBe(false);
    const onRow = { key: 'q', type: 'yesno', required: false, title: { zh: 'q', en: '' } } as const;
    expect(isShown({ ...onRow, showIf: { anyOf: [{ question: 'm.r1', values: ['1'] }] } }, { 'm.r1': '1' })).toBe(true);
    expect(isShown({ ...onRow, showIf: { anyOf: [{ question: 'm', values: ['1'] }] } }, { 'm.r2': '1' })).toBe(true);
    expect(isShown({ ...onRow, showIf: { anyOf: [{ question: 'm', values: ['1'] }] } }, { mx: '1' })).toBe(false);
    expect(isShown({ ...onRow, showIf: { anyOf: [{ question: 'b', values: ['yes'] }] } }, { b: true })).toBe(true);
  });

  it('does not fire a rule on an answer that was itself hidden or invalid', () => {
    const chain = formDefinition.parse({
      title: L('链'),
      pages: [
        {
          questions: [
            { key: 'a', type: 'yesno', title: L('a') },
            { key: 'b', type: 'yesno', title: L('b'), showIf: { anyOf: [{ question: 'a', values: ['yes'] }] } },
            { key: 'c', type: 'text', required: true, title: L('c'), showIf: { anyOf: [{ question: 'b', values: ['yes'] }] } },
          ],
        },
      ],
    });
    expect(validateAnswers(chain, { a: 'no', b: 'yes' }, 'form')).toEqual({ ok: true, rows: [n('a', 0)] });
    expect(validateAnswers(chain, { a: 'yes', b: 'yes' }, 'form')).toEqual({ ok: false, errors: { c: { key: 'answer.err.required' } } });
  });
});
