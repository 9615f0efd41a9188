// Issue 18: bad definitions are refused with field messages. Each case is posted as the builder posts
// it; the answer is 422 with the message beside the field (or on the question's card and in the list
// at the top), and nothing is stored: not the draft, not an audit row.
import { describe, expect, it } from 'vitest';
import { countRows, signedIn } from '../fixtures';
import { editorFields, move, newForm, versionRow } from './form-builder.fixtures';

/** A draft with q1 (text), q2 (single: 甲 o3, 乙 o4), q3 (yes/no shown after q2 = 甲). */
async function draftWithRule(cookie: string) {
  const base = await newForm(cookie);
  await move(cookie, base, '/questions', { page: '1', kind: 'single', title_zh: '选哪个' });
  await move(cookie, base, '/question', editorFields('q2', { options: '甲\n乙' }));
  await move(cookie, base, '/questions', { page: '1', kind: 'yesno', title_zh: '追问' });
  const rule = await move(cookie, base, '/question', editorFields('q3', { kind: 'yesno', title_zh: '追问', showIf: 'q2=o3' }));
  expect(rule.status).toBe(303);
  return base;
}

/** Posts a move that must be refused: 422, the draft and the audit trail untouched; returns the page. */
async function refused(cookie: string, base: string, path: string, data: Record<string, string | string[]>) {
  const [before, audits] = [await versionRow(base), await countRows('audit_log')];
  const res = await move(cookie, base, path, data);
  expect(res.status).toBe(422);
  expect(await versionRow(base)).toEqual(before);
  expect(await countRows('audit_log')).toBe(audits);
  return res.text();
}

/** The editor's message under one field (ids from web/components/fields.tsx with the editor's prefix). */
const fieldMessage = (field: string, message: string) => `<small id="qe-e-${field}" class="error" role="alert">${message}`;

describe('the form builder refuses bad definitions', () => {
  it('a show-if rule on a later question', async () => {
    const { cookie } = await signedIn();
    const base = await draftWithRule(cookie);
    // From the editor (a crafted box: the page offers earlier questions only) …
    const html = await refused(cookie, base, '/question', editorFields('q2', { options: '甲\n乙', showIf: 'q3=yes' }));
    expect(html).toContain(fieldMessage('showIf', '显示条件只能引用本题之前的题目'));
    expect(html).toContain('未保存：有 1 处问题');
    expect(html).toContain('第 2 题「题目」：显示条件只能引用本题之前的题目');
    // … and by moving the dependent question above the one it depends on: the message is on its card.
    const moved = await refused(cookie, base, '/question/move', { q: 'q3', dir: 'up' });
    expect(moved).toContain('第 2 题「追问」：显示条件只能引用本题之前的题目');
    expect(moved).toMatch(/<div class="b-card has-error">\s*<h3>\s*<span class="sv-n">3\.<\/span> 追问/);
  });

  it('a show-if rule on a missing question, by deleting the question it depends on', async () => {
    const { cookie } = await signedIn();
    const base = await draftWithRule(cookie);
    const html = await refused(cookie, base, '/question/delete', { q: 'q2' });
    expect(html).toContain('第 2 题「追问」：显示条件引用的题目不存在（可能已删除或改了键名）');
    const crafted = await refused(cookie, base, '/question', editorFields('q3', { kind: 'yesno', showIf: 'nope=yes' }));
    expect(crafted).toContain(fieldMessage('showIf', '显示条件引用的题目不存在'));
  });

  it('a show-if rule naming an answer the question does not have, or a question without fixed answers', async () => {
    const { cookie } = await signedIn();
    const base = await draftWithRule(cookie);
    const value = await refused(cookie, base, '/question', editorFields('q3', { kind: 'yesno', showIf: 'q2=o9' }));
    expect(value).toContain(fieldMessage('showIf', '显示条件中的选项不是所引用题目的选项'));
    const free = await refused(cookie, base, '/question', editorFields('q3', { kind: 'yesno', showIf: 'q1=x' }));
    expect(free).toContain(fieldMessage('showIf', '显示条件只能引用选择类题目'));
    // Renaming the option a rule names (甲 → 丙 gets a new value) breaks the rule: refused on the card of q3.
    const renamed = await refused(cookie, base, '/question', editorFields('q2', { options: '丙\n乙' }));
    expect(renamed).toContain('第 3 题「追问」：显示条件中的选项不是所引用题目的选项');
  });

  it('duplicate keys', async () => {
    const { cookie } = await signedIn();
    const base = await draftWithRule(cookie);
    const html = await refused(cookie, base, '/question', editorFields('q3', { kind: 'yesno', key: 'q1' }));
    expect(html).toContain(fieldMessage('key', '键名重复：每道题的键名必须唯一'));
    // The advanced settings holding the key open themselves to show it.
    expect(html).toContain('<details class="b-advanced" open>');
    const malformed = await refused(cookie, base, '/question', editorFields('q3', { kind: 'yesno', key: 'Q-3' }));
    expect(malformed).toContain(fieldMessage('key', '键名须以小写字母开头'));
  });

  it('a choice with no options, or one, or two alike', async () => {
    const { cookie } = await signedIn();
    const base = await draftWithRule(cookie);
    const none = await refused(cookie, base, '/question', editorFields('q2', { options: ' \n\n' }));
    expect(none).toContain(fieldMessage('options', '选择题至少需要 2 个选项'));
    expect(none).toMatch(/<textarea id="qe-f-options" name="options" required aria-invalid="true"/);
    const one = await refused(cookie, base, '/question', editorFields('q2', { options: '甲' }));
    expect(one).toContain(fieldMessage('options', '选择题至少需要 2 个选项'));
    const twins = await refused(cookie, base, '/question', editorFields('q2', { options: '甲\n乙\n甲' }));
    expect(twins).toContain(fieldMessage('options', '文字重复'));
    await move(cookie, base, '/questions', { page: '1', kind: 'matrix', title_zh: '矩阵' });
    const rows = await refused(cookie, base, '/question', editorFields('q4', { kind: 'matrix', rows: '' }));
    expect(rows).toContain(fieldMessage('rows', '矩阵量表至少需要 1 个评价项目'));
  });

  it('min greater than max, and choice counts beyond the options', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    await move(cookie, base, '/questions', { page: '1', kind: 'multiple', title_zh: '多选' });
    await move(cookie, base, '/questions', { page: '1', kind: 'number', title_zh: '人数' });
    await move(cookie, base, '/questions', { page: '1', kind: 'date', title_zh: '日期' });
    const choices = { kind: 'multiple', options: '甲\n乙\n丙' };
    const multiple = await refused(cookie, base, '/question', editorFields('q2', { ...choices, min: '3', max: '2' }));
    expect(multiple).toContain(fieldMessage('max', '最大值不能小于最小值'));
    // The user's input is kept.
    expect(multiple).toMatch(/id="qe-f-min" name="min"[^>]* value="3"/);
    const beyond = await refused(cookie, base, '/question', editorFields('q2', { ...choices, max: '4' }));
    expect(beyond).toContain(fieldMessage('max', '可选项数不能超过选项个数'));
    const number = await refused(cookie, base, '/question', editorFields('q3', { kind: 'number', min: '10', max: '1.5' }));
    expect(number).toContain(fieldMessage('max', '最大值不能小于最小值'));
    const date = await refused(cookie, base, '/question', editorFields('q4', { kind: 'date', min: '2026-12-31', max: '2026-01-01' }));
    expect(date).toContain(fieldMessage('max', '最大值不能小于最小值'));
    const text = await refused(cookie, base, '/question', editorFields('q3', { kind: 'number', min: 'abc' }));
    expect(text).toContain(fieldMessage('min', '请填写数字'));
    const fraction = await refused(cookie, base, '/question', editorFields('q2', { ...choices, min: '1.5' }));
    expect(fraction).toContain(fieldMessage('min', '请填写整数'));
  });

  it('a missing title, an unknown type or page, an empty bank pick, and the last question', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    const title = await refused(cookie, base, '/questions', { page: '1', kind: 'single', title_zh: '  ' });
    expect(title).toContain('<small id="add1-e-title_zh" class="error" role="alert">此项必填');
    const kind = await refused(cookie, base, '/questions', { page: '1', kind: 'slider', title_zh: '滑块' });
    expect(kind).toContain('<small id="add1-e-kind" class="error" role="alert">');
    expect(await refused(cookie, base, '/bank', { page: '1' })).toContain('请至少勾选一道题');
    expect(await refused(cookie, base, '/bank', { page: '1', items: 'satisfaction:nope' })).toContain('<p class="error" role="alert">');
    const meta = await refused(cookie, base, '/meta', { title_zh: '', title_en: '', intro_zh: '', intro_en: '' });
    expect(meta).toContain('<small id="meta-e-title_zh" class="error" role="alert">');
    expect(meta).toContain('<details class="card b-meta-form" id="meta" tabindex="-1" open>');
    expect(await refused(cookie, base, '/question/delete', { q: 'q1' })).toContain('问卷至少要保留一道题');
    expect(await refused(cookie, base, '/question/move', { q: 'q1', dir: 'sideways' })).toContain('未保存');
  });
});
