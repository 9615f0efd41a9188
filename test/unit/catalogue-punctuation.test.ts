// Issue 17: Chinese text uses full-width punctuation. Over the zh catalogue and the built-in survey
// templates' Chinese texts: no ASCII ? : , ; ( ) right after a CJK character, and no straight double
// quote next to one (“百人帮百企”, not "百人帮百企"). JSON examples and {placeholders} are not prose.
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';

const CJK = '[\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef]';
const AFTER_CJK = new RegExp(`${CJK}[?:,;()]`, 'u');
const STRAIGHT_QUOTE = new RegExp(`${CJK}"|"${CJK}`, 'u');

/** Every zh string of the catalogue files (web/i18n/*.ts: each exports its zh table, then its en one as …En), by key. */
function zhStrings(): [string, string][] {
  const modules = import.meta.glob<Record<string, unknown>>(['../../web/i18n/*.ts', '!**/en.ts', '!**/index.ts', '!**/define.ts'], {
    eager: true,
  });
  return Object.values(modules).flatMap((m) =>
    Object.entries(m).flatMap(([name, table]) =>
      !name.endsWith('En') && table && typeof table === 'object' ? (Object.entries(table) as [string, string][]) : [],
    ),
  );
}

/** Every zh text of a form definition: titles, intros, help, options, rows. */
function templateTexts(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => templateTexts(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === 'zh' && typeof v === 'string' ? [[path, v] as [string, string]] : templateTexts(v, `${path}.${k}`),
    );
  }
  return [];
}

const offending = (texts: [string, string][]) =>
  texts.filter(([, text]) => {
    const prose = text.replace(/\{[^}]*\}/g, '');
    return AFTER_CJK.test(prose) || STRAIGHT_QUOTE.test(prose);
  });

describe('full-width punctuation in Chinese text', () => {
  it('the rule catches what it is for', () => {
    expect(offending([['a', '是否联系过?']])).toHaveLength(1);
    expect(offending([['b', '廉洁自律(有无)']])).toHaveLength(1);
    expect(offending([['c', '注意:请填写']])).toHaveLength(1);
    expect(offending([['d', '"百人帮百企"行动']])).toHaveLength(1);
    expect(offending([['e', '是否联系过？（有无）：“百人帮百企”']])).toHaveLength(0);
    expect(offending([['f', '请求格式应为 {"answers": {…}}']])).toHaveLength(0);
  });

  it('holds for every zh string of the catalogue', () => {
    const texts = zhStrings();
    expect(texts.length).toBeGreaterThan(500);
    expect(offending(texts)).toEqual([]);
  });

  it('holds for the built-in survey templates', () => {
    const texts = Object.values(TEMPLATES).flatMap((t) => templateTexts(t));
    expect(texts.length).toBeGreaterThan(40);
    expect(offending(texts)).toEqual([]);
  });
});
