// Issue 18: the builder's moves that rearrange a draft — reorder, delete, page breaks and titles, the
// question bank, the form's own title — posted as the page posts them, and the draft each stores.
import { describe, expect, it } from 'vitest';
import { call, countRows, signedIn } from '../fixtures';
import { auditedMoves, editorFields, move, newForm, outline, stored } from './form-builder.fixtures';

describe('the form builder rearranges a draft', () => {
  it('reorders questions, across page breaks too; a move off the edge changes nothing', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    for (const kind of ['yesno', 'rating', 'date']) await move(cookie, base, '/questions', { page: '1', kind, title_zh: kind });
    expect(await outline(base)).toBe('q1:text q2:yesno q3:rating q4:date');
    const up = await move(cookie, base, '/question/move', { q: 'q3', dir: 'up' });
    expect(up.status).toBe(303);
    expect(up.headers.get('location')).toBe(`${base}?at=q-q3&saved=1#q-q3`);
    expect(await outline(base)).toBe('q1:text q3:rating q2:yesno q4:date');
    await move(cookie, base, '/question/move', { q: 'q1', dir: 'down' });
    expect(await outline(base)).toBe('q3:rating q1:text q2:yesno q4:date');
    const before = await countRows('audit_log');
    const edge = await move(cookie, base, '/question/move', { q: 'q3', dir: 'up' });
    expect(edge.status).toBe(303);
    expect(await countRows('audit_log')).toBe(before);
    // A page break after q1, then q2 (first on page 2) moves up into page 1 and q1 down into page 2.
    await move(cookie, base, '/pages/split', { q: 'q1' });
    expect(await outline(base)).toBe('q3:rating q1:text | q2:yesno q4:date');
    await move(cookie, base, '/question/move', { q: 'q2', dir: 'up' });
    expect(await outline(base)).toBe('q3:rating q1:text q2:yesno | q4:date');
    await move(cookie, base, '/question/move', { q: 'q2', dir: 'down' });
    expect(await outline(base)).toBe('q3:rating q1:text | q2:yesno q4:date');
    // The last question of a page leaving it takes the page away.
    await move(cookie, base, '/question/move', { q: 'q4', dir: 'up' });
    await move(cookie, base, '/question/move', { q: 'q4', dir: 'up' });
    expect(await outline(base)).toBe('q3:rating q1:text q4:date | q2:yesno');
    await move(cookie, base, '/question/move', { q: 'q2', dir: 'up' });
    expect(await outline(base)).toBe('q3:rating q1:text q4:date q2:yesno');
  });

  it('deletes a question and comes back to the one now in its place', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    for (const kind of ['yesno', 'number']) await move(cookie, base, '/questions', { page: '1', kind, title_zh: kind });
    const res = await move(cookie, base, '/question/delete', { q: 'q2' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}?at=q-q3&saved=1#q-q3`);
    expect(await outline(base)).toBe('q1:text q3:number');
    // Keys are not reused at once: the next question is q4, not q2.
    await move(cookie, base, '/questions', { page: '1', kind: 'yesno', title_zh: '再加一题' });
    expect(await outline(base)).toBe('q1:text q3:number q4:yesno');
    expect(await auditedMoves(base)).toEqual(['add', 'add', 'delete', 'add']);
  });

  it('splits, titles and merges pages', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    await move(cookie, base, '/questions', { page: '1', kind: 'likert', title_zh: '满意度' });
    const split = await move(cookie, base, '/pages/split', { q: 'q1' });
    expect(split.headers.get('location')).toBe(`${base}?at=page-2&saved=1#page-2`);
    expect(await outline(base)).toBe('q1:text | q2:likert');
    await move(cookie, base, '/pages/title', { page: '2', title_zh: '满意度评价', title_en: 'Satisfaction' });
    expect((await stored(base)).pages[1]?.title).toEqual({ zh: '满意度评价', en: 'Satisfaction' });
    const page = await (await call(base, { cookie })).text();
    expect(page).toContain('第 2 页 · 满意度评价');
    await move(cookie, base, '/pages/title', { page: '2', title_zh: '', title_en: '' });
    expect((await stored(base)).pages[1]?.title).toBeUndefined();
    // Splitting after the last question of a page has nothing to split.
    await move(cookie, base, '/pages/split', { q: 'q2' });
    expect(await outline(base)).toBe('q1:text | q2:likert');
    const merge = await move(cookie, base, '/pages/merge', { page: '2' });
    expect(merge.headers.get('location')).toBe(`${base}?at=page-1&saved=1#page-1`);
    expect(await outline(base)).toBe('q1:text q2:likert');
    expect(await auditedMoves(base)).toEqual(['add', 'split', 'page-title', 'page-title', 'merge']);
  });

  it('inserts questions from the bank, renaming keys already used and keeping rules among them', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    await move(cookie, base, '/question', editorFields('q1', { kind: 'text', key: 'attitude', title_zh: '自己的题', maxLength: '200' }));
    const res = await move(cookie, base, '/bank', {
      page: '1',
      items: ['satisfaction:attitude', 'satisfaction:overall', 'satisfaction:reason', 'programme:recommend'],
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}?at=q-attitude_2&inserted=4#q-attitude_2`);
    expect(await outline(base)).toBe('attitude:text attitude_2:likert overall:likert reason:text recommend:rating');
    const reason = (await stored(base)).pages[0]?.questions[3];
    // The template's rule names six items; the two inserted stay (attitude renamed), the rest are not in the form.
    expect(reason?.showIf).toEqual({
      anyOf: [
        { question: 'attitude_2', values: ['2', '1'] },
        { question: 'overall', values: ['2', '1'] },
      ],
    });
    const page = await (await call(res.headers.get('location') ?? '', { cookie })).text();
    expect(page).toContain('已插入 4 道题。');
  });

  it('edits the form’s title and introduction, which also names the form in the list', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    const res = await move(cookie, base, '/meta', {
      title_zh: '园区企业满意度',
      title_en: 'Park survey',
      intro_zh: '约 1 分钟。',
      intro_en: '',
    });
    expect(res.headers.get('location')).toBe(`${base}?at=meta&saved=1#meta`);
    const def = await stored(base);
    expect(def.title).toEqual({ zh: '园区企业满意度', en: 'Park survey' });
    expect(def.intro).toEqual({ zh: '约 1 分钟。', en: '' });
    expect(await (await call('/admin/forms', { cookie })).text()).toContain('园区企业满意度');
  });
});
