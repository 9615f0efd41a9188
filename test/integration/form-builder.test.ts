// Issue 18: the builder's page and its moves on questions (add, edit, retype, show-if) and publishing,
// posted as the page posts them without JavaScript, and the draft each stores. Rearranging moves are in
// form-builder-moves.test.ts, refusals in form-builder-refusals.test.ts.
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../schema/form-templates';
import { call, countRows, signedIn } from '../fixtures';
import { auditedMoves, editorFields, move, newForm, outline, stored, versionRow } from './form-builder.fixtures';

const KINDS = ['single', 'multiple', 'likert', 'matrix', 'rating', 'yesno', 'text', 'textarea', 'number', 'date'] as const;

describe('the form builder', () => {
  it('shows a draft as cards, each with its moves, an add form per page and the phone preview', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie, 'satisfaction');
    const res = await call(base, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-island="form-builder"');
    for (const q of TEMPLATES.satisfaction.definition.pages.flatMap((p) => p.questions)) expect(html).toContain(`id="q-${q.key}"`);
    expect(html).toContain('<span class="badge">满意度量表</span>');
    expect(html).toContain('<span class="badge">是否</span>');
    expect(html).toContain('<span class="badge">多行文本</span>');
    expect(html).toContain('如对第 3–8 题中任一题选择『不满意』或『非常不满意』，请回答本题。');
    expect(html).toContain('添加到第 2 页');
    // The phone frame holds the respondent's page as an escaped document, under this page's CSP.
    expect(html).toMatch(
      /<iframe class="phone" title="手机预览：企业在手机上看到的问卷" srcdoc="&lt;!doctype html>&lt;html lang=&quot;zh-CN&quot;>/,
    );
    expect(html).toContain('sandbox="allow-same-origin"');
    // Without ?edit no editor is open; with it, the question's editor shows its stored values.
    expect(html).not.toContain('class="b-editor"');
    const editor = await (await call(`${base}?edit=attitude`, { cookie })).text();
    expect(editor).toContain('<h3 id="h-editor">编辑第 3 题</h3>');
    expect(editor).toMatch(/<option value="likert" selected>满意度量表<\/option>/);
    expect(editor).toContain('服务态度</textarea>');
    expect(editor).toMatch(/name="allowNa" value="on" checked/);
  });

  it('adds a question of every type under its Chinese name, opening its editor', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    for (const [i, kind] of KINDS.entries()) {
      const res = await move(cookie, base, '/questions', { page: '1', kind, title_zh: `第${i + 2}题` });
      expect(res.status).toBe(303);
      const key = `q${i + 2}`;
      expect(res.headers.get('location')).toBe(`${base}?at=q-${key}&edit=${key}&saved=1#q-${key}`);
    }
    expect(await outline(base)).toBe(
      'q1:text q2:single q3:multiple q4:likert q5:matrix q6:rating q7:yesno q8:text q9:text q10:number q11:date',
    );
    const def = await stored(base);
    const qs = def.pages.flatMap((p) => p.questions);
    expect(qs[1]).toEqual({
      key: 'q2',
      type: 'single',
      title: { zh: '第2题', en: '' },
      required: false,
      options: [
        { value: 'o1', label: { zh: '选项 1', en: '' } },
        { value: 'o2', label: { zh: '选项 2', en: '' } },
      ],
    });
    expect(qs[4]).toMatchObject({ type: 'matrix', rows: [{ key: 'r1', label: { zh: '评价项目 1' } }, { key: 'r2' }] });
    expect(qs[7]).toMatchObject({ type: 'text', multiline: false, maxLength: 200 });
    expect(qs[8]).toMatchObject({ type: 'text', multiline: true, maxLength: 1000 });
    expect(await auditedMoves(base)).toEqual(KINDS.map(() => 'add'));
    const page = await (await call(`${base}?edit=q9`, { cookie })).text();
    expect(page).toContain('<span class="badge">0–10 评分</span>');
    expect(page).toMatch(/<option value="textarea" selected>多行文本<\/option>/);
  });

  it('edits a question: wording, help, required, options as lines (values kept by label), bounds', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    await move(cookie, base, '/questions', { page: '1', kind: 'multiple', title_zh: '需要哪些帮助' });
    const res = await move(
      cookie,
      base,
      '/question',
      editorFields('q2', {
        kind: 'multiple',
        title_zh: '需要哪些帮助？',
        title_en: 'Which help?',
        help_zh: '可多选',
        required: 'on',
        options: '选项 2\n融资 | Financing\n\n  用工  \n选项 1',
        min: '1',
        max: '3',
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}?at=q-q2&saved=1#q-q2`);
    const [, q2] = (await stored(base)).pages[0]?.questions ?? [];
    expect(q2).toEqual({
      key: 'q2',
      type: 'multiple',
      title: { zh: '需要哪些帮助？', en: 'Which help?' },
      help: { zh: '可多选', en: '' },
      required: true,
      // 选项 1 and 选项 2 keep o1 and o2 wherever they move; new lines get the next free values.
      options: [
        { value: 'o2', label: { zh: '选项 2', en: '' } },
        { value: 'o3', label: { zh: '融资', en: 'Financing' } },
        { value: 'o4', label: { zh: '用工', en: '' } },
        { value: 'o1', label: { zh: '选项 1', en: '' } },
      ],
      min: 1,
      max: 3,
    });
    expect(await auditedMoves(base)).toEqual(['add', 'edit']);
  });

  it('changes a question’s type, keeping its wording and carrying options over to matrix rows', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    await move(cookie, base, '/questions', { page: '1', kind: 'single', title_zh: '评价' });
    const res = await move(
      cookie,
      base,
      '/question',
      editorFields('q2', { kind: 'matrix', title_zh: '各项评价', options: '质量\n服务', op: 'kind' }),
    );
    expect(res.status).toBe(303);
    // The editor stays open: the new type's own fields are still to be filled in.
    expect(res.headers.get('location')).toBe(`${base}?at=q-q2&edit=q2&saved=1#q-q2`);
    const [, q2] = (await stored(base)).pages[0]?.questions ?? [];
    expect(q2).toEqual({
      key: 'q2',
      type: 'matrix',
      title: { zh: '各项评价', en: '' },
      required: false,
      // New wording, new values: o1 and o2 meant 选项 1 and 选项 2, and a value never changes its meaning.
      rows: [
        { key: 'o3', label: { zh: '质量', en: '' } },
        { key: 'o4', label: { zh: '服务', en: '' } },
      ],
      allowNotApplicable: false,
    });
    expect(await auditedMoves(base)).toEqual(['add', 'retype']);
  });

  it('sets a show-if rule by ticking the options of an earlier question', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    await move(cookie, base, '/questions', { page: '1', kind: 'likert', title_zh: '总体满意度' });
    await move(cookie, base, '/questions', { page: '1', kind: 'textarea', title_zh: '不满意原因' });
    // The editor of q3 offers q2's scale (q1 is free text: nothing to tick).
    const editor = await (await call(`${base}?edit=q3`, { cookie })).text();
    expect(editor).toContain('<legend>2. 总体满意度</legend>');
    expect(editor).toMatch(/value="q2=1"\s*\/?> 非常不满意/);
    expect(editor).not.toContain('value="q1=');
    const res = await move(
      cookie,
      base,
      '/question',
      editorFields('q3', { kind: 'textarea', title_zh: '不满意原因', required: 'on', maxLength: '800', showIf: ['q2=2', 'q2=1'] }),
    );
    expect(res.status).toBe(303);
    const q3 = (await stored(base)).pages[0]?.questions[2];
    expect(q3).toMatchObject({ required: true, maxLength: 800, showIf: { anyOf: [{ question: 'q2', values: ['2', '1'] }] } });
    const page = await (await call(base, { cookie })).text();
    expect(page).toContain('如第 2 题选择『不满意』或『非常不满意』，请回答本题。');
    // A new key for q2 is followed by the rule that names it.
    await move(cookie, base, '/question', editorFields('q2', { kind: 'likert', key: 'overall', title_zh: '总体满意度' }));
    expect((await stored(base)).pages[0]?.questions[2]?.showIf).toEqual({ anyOf: [{ question: 'overall', values: ['2', '1'] }] });
  });

  it('publishes what was built; the published version then refuses every move, 409 and nothing stored', async () => {
    const { cookie } = await signedIn();
    const base = await newForm(cookie);
    await move(cookie, base, '/questions', { page: '1', kind: 'yesno', title_zh: '是否满意' });
    expect((await move(cookie, base, '/publish', {})).status).toBe(303);
    const published = await versionRow(base);
    expect(published.status).toBe('published');
    expect(await outline(base)).toBe('q1:text q2:yesno');
    const audits = await countRows('audit_log');
    const attempts: [string, Record<string, string | string[]>][] = [
      ['/questions', { page: '1', kind: 'date', title_zh: '日期' }],
      ['/question', editorFields('q2', { kind: 'yesno', title_zh: '改了' })],
      ['/question/move', { q: 'q2', dir: 'up' }],
      ['/question/delete', { q: 'q2' }],
      ['/pages/split', { q: 'q1' }],
      ['/pages/merge', { page: '2' }],
      ['/pages/title', { page: '1', title_zh: '页', title_en: '' }],
      ['/bank', { page: '1', items: 'satisfaction:overall' }],
      ['/meta', { title_zh: '新标题', title_en: '', intro_zh: '', intro_en: '' }],
    ];
    for (const [path, data] of attempts) {
      const res = await move(cookie, base, path, data);
      expect(res.status, path).toBe(409);
      expect(await res.text(), path).toContain('已发布的版本不能修改');
    }
    expect(await versionRow(base)).toEqual(published);
    expect(await countRows('audit_log')).toBe(audits);
    // The page of a published version shows the cards without moves, and offers a new draft.
    const page = await (await call(base, { cookie })).text();
    expect(page).not.toContain('/question/move');
    expect(page).not.toContain('data-island="form-builder"');
    expect(page).toContain(`action="${base}/next"`);
  });
});
