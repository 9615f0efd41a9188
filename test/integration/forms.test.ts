import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formDefinition } from '../../schema/form-definition';
import { TEMPLATES } from '../../schema/form-templates';
import { forms, formVersions } from '../../schema/survey-tables';
import { auditLog } from '../../schema/tables';
import { call, countRows, db, postForm, signedIn } from '../fixtures';

const ZERO_ID = '00000000-0000-4000-8000-000000000000';

/** Creates a form through the UI and returns its id (from the redirect to the v1 editor). */
async function createForm(cookie: string, source = 'satisfaction') {
  const res = await postForm('/admin/forms', { source, kind: 'survey' }, { cookie });
  expect(res.status).toBe(303);
  const match = /^\/admin\/forms\/([0-9a-f-]{36})\/versions\/1$/.exec(res.headers.get('location') ?? '');
  if (!match?.[1]) throw new Error(`unexpected redirect ${res.headers.get('location')}`);
  return match[1];
}

const versionsOf = (formId: string) =>
  db().select().from(formVersions).where(eq(formVersions.formId, formId)).orderBy(formVersions.version).all();

function upload(path: string, name: string, content: BlobPart, cookie: string) {
  const body = new FormData();
  body.append('kind', 'survey');
  body.append('file', new File([content], name, { type: 'application/json' }));
  return call(path, { method: 'POST', body, cookie });
}

describe('问卷表单 admin', () => {
  it('creates a form from a template as draft v1, in one batch with its audit row', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie);
    const form = await db().select().from(forms).where(eq(forms.id, id)).get();
    expect(form).toMatchObject({ name: '帮扶满意度调查表', template: 'satisfaction', kind: 'survey', disabled: false });
    const [v1, ...rest] = await versionsOf(id);
    expect(rest).toEqual([]);
    expect(v1).toMatchObject({ version: 1, status: 'draft', publishedAt: null });
    expect(formDefinition.parse(JSON.parse(v1?.definition ?? ''))).toEqual(TEMPLATES.satisfaction.definition);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'form'), eq(auditLog.objectId, id)))
      .all();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const builder = await (await call(`/admin/forms/${id}/versions/1`, { cookie })).text();
    expect(builder).toContain('data-island="form-builder"');
    expect(builder).toContain('id="q-attitude"');
    const editor = await (await call(`/admin/forms/${id}/versions/1/json`, { cookie })).text();
    expect(editor).toContain('data-island="form-json-editor"');
    expect(editor).toContain('data-q="attitude"');
    const list = await (await call('/admin/forms?q=%E5%B8%AE%E6%89%B6%E6%BB%A1%E6%84%8F%E5%BA%A6', { cookie })).text();
    expect(list).toContain(`href="/admin/forms/${id}"`);
    expect(list).toContain('第 1 版');
  });

  it('creates a blank form that is valid from the start', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie, 'blank');
    const [v1] = await versionsOf(id);
    expect(formDefinition.safeParse(JSON.parse(v1?.definition ?? '')).success).toBe(true);
    // Both languages, though the admin reads Chinese: English is loaded for it (worker/lib/languages.ts).
    expect(JSON.parse(v1?.definition ?? '').title).toEqual({ zh: '新问卷', en: 'New survey' });
    expect((await postForm('/admin/forms', { source: 'nope' }, { cookie })).status).toBe(422);
  });

  it('refuses invalid JSON and invalid definitions with 422, keeping the text and storing nothing', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie);
    const before = await versionsOf(id);
    const auditsBefore = await countRows('audit_log');
    const typed = '{ "title": { "zh": "坏" }, pages: [ }';
    const bad = await postForm(`/admin/forms/${id}/versions/1/json`, { definition: typed, intent: 'save' }, { cookie });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('JSON 格式错误');
    expect(html).toContain('{ &quot;title&quot;: { &quot;zh&quot;: &quot;坏&quot; }, pages: [ }</textarea>');
    const dup = JSON.stringify({
      title: { zh: '重复' },
      pages: [
        {
          questions: [
            { key: 'a', type: 'yesno', title: { zh: '一' } },
            { key: 'a', type: 'yesno', title: { zh: '二' } },
            { key: 'B', type: 'yesno', title: { zh: '三' } },
          ],
        },
      ],
    });
    const invalid = await postForm(`/admin/forms/${id}/versions/1/json`, { definition: dup, intent: 'save' }, { cookie });
    expect(invalid.status).toBe(422);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain('<code>pages[0].questions[2].key</code>: 键名须以小写字母开头');
    expect((await postForm(`/admin/forms/${id}/versions/1/json`, { definition: '', intent: 'save' }, { cookie })).status).toBe(422);
    expect(
      (await postForm(`/admin/forms/${id}/versions/1/json`, { definition: '{}', intent: 'save', extra: '1' }, { cookie })).status,
    ).toBe(422);
    expect(await versionsOf(id)).toEqual(before);
    expect(await countRows('audit_log')).toBe(auditsBefore);
  });

  it('previews a typed definition without saving it, then saves it', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie);
    const def = { ...TEMPLATES.satisfaction.definition, title: { zh: '改过的标题', en: 'Edited' } };
    const text = JSON.stringify(def);
    const preview = await postForm(`/admin/forms/${id}/versions/1/json`, { definition: text, intent: 'preview' }, { cookie });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('<h1>改过的标题</h1>');
    expect((await db().select().from(forms).where(eq(forms.id, id)).get())?.name).toBe('帮扶满意度调查表');
    // The editor posts multipart (UTF-8 as is), as the page's form does.
    const body = new FormData();
    body.append('definition', text);
    body.append('intent', 'save');
    const saved = await call(`/admin/forms/${id}/versions/1/json`, { method: 'POST', body, cookie });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/forms/${id}/versions/1/json?saved=1`);
    const [v1] = await versionsOf(id);
    expect(JSON.parse(v1?.definition ?? '').title).toEqual({ zh: '改过的标题', en: 'Edited' });
    expect((await db().select().from(forms).where(eq(forms.id, id)).get())?.name).toBe('改过的标题');
  });

  it('publishes a draft; a published version is immutable and editing it makes draft v2', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie);
    const published = await postForm(`/admin/forms/${id}/versions/1/publish`, {}, { cookie });
    expect(published.status).toBe(303);
    const [v1] = await versionsOf(id);
    expect(v1?.status).toBe('published');
    expect(v1?.publishedAt).toBeGreaterThan(0);
    const edit = await postForm(
      `/admin/forms/${id}/versions/1/json`,
      { definition: JSON.stringify(TEMPLATES.programme.definition) },
      { cookie },
    );
    expect(edit.status).toBe(409);
    expect(await versionsOf(id)).toEqual([v1]);

    const next = await postForm(`/admin/forms/${id}/versions/1/next`, {}, { cookie });
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe(`/admin/forms/${id}/versions/2`);
    // A second click reuses the draft instead of making v3.
    expect((await postForm(`/admin/forms/${id}/versions/1/next`, {}, { cookie })).headers.get('location')).toBe(
      `/admin/forms/${id}/versions/2`,
    );
    const changed = JSON.stringify(TEMPLATES.programme.definition);
    expect((await postForm(`/admin/forms/${id}/versions/2/json`, { definition: changed }, { cookie })).status).toBe(303);
    const [again, v2, ...more] = await versionsOf(id);
    expect(more).toEqual([]);
    expect(again).toEqual(v1);
    expect(v2).toMatchObject({ version: 2, status: 'draft' });
    expect(JSON.parse(v2?.definition ?? '')).toEqual(TEMPLATES.programme.definition);
  });

  it('exports a version as a JSON download and imports it back as a new form', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie, 'programme');
    const res = await call(`/admin/forms/${id}/versions/1/export`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="form-v1\.json"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/);
    // A " is not allowed in a saved file name (worker/lib/filename.ts): the name's quotes become _.
    expect(decodeURIComponent(disposition.split("''")[1] ?? '')).toBe(`${TEMPLATES.programme.name.zh.replaceAll('"', '_')}-v1.json`);
    const text = await res.text();

    const imported = await upload('/admin/forms/import', '导出.json', `\uFEFF${text}`, cookie);
    expect(imported.status).toBe(303);
    const newId = /forms\/([0-9a-f-]{36})\/versions\/1$/.exec(imported.headers.get('location') ?? '')?.[1] ?? '';
    expect(newId).not.toBe(id);
    const [copy] = await versionsOf(newId);
    expect(copy?.status).toBe('draft');
    expect(JSON.parse(copy?.definition ?? '')).toEqual(TEMPLATES.programme.definition);
    const audit = await db().select().from(auditLog).where(eq(auditLog.objectId, newId)).all();
    expect(audit.map((a) => a.action)).toEqual(['import']);
  });

  it('refuses a bad import file with 422 and a clear message, storing nothing', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('forms');
    const notJson = await upload('/admin/forms/import', 'x.json', '{"title":', cookie);
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('JSON 格式错误');
    const gbk = await upload('/admin/forms/import', 'x.json', new Uint8Array([0x7b, 0xb0, 0xef, 0x7d]), cookie);
    expect(gbk.status).toBe(422);
    expect(await gbk.text()).toContain('不是 UTF-8 编码');
    const wrong = await upload('/admin/forms/import', 'x.json', JSON.stringify({ title: { zh: '无页' }, pages: [] }), cookie);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('<code>pages</code>: 至少需要 1 项');
    const none = await postForm('/admin/forms/import', { kind: 'survey' }, { cookie });
    expect(none.status).toBe(422);
    expect(await countRows('forms')).toBe(before);
  });

  it('previews a version as the respondent sees it, escaping hostile text', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie, 'blank');
    const hostile = {
      title: { zh: '<script>alert(1)</script>标题' },
      pages: [
        {
          questions: [
            {
              key: 'q1',
              type: 'single',
              title: { zh: '<img src=x onerror=alert(1)>' },
              options: [
                { value: 'a', label: { zh: '"><b>' } },
                { value: 'b', label: { zh: 'b' } },
              ],
            },
          ],
        },
      ],
    };
    expect((await postForm(`/admin/forms/${id}/versions/1/json`, { definition: JSON.stringify(hostile) }, { cookie })).status).toBe(303);
    const res = await call(`/admin/forms/${id}/versions/1/preview`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html).toContain('class="preview-banner"');
    expect(html).toMatch(/<button type="submit" class="primary" disabled>/);
    expect(html).not.toContain('class="sections"'); // no admin chrome
  });

  it('answers 404 for unknown forms and versions', async () => {
    const { cookie } = await signedIn();
    const id = await createForm(cookie);
    expect((await call(`/admin/forms/${ZERO_ID}`, { cookie })).status).toBe(404);
    expect((await call(`/admin/forms/${id}/versions/9`, { cookie })).status).toBe(404);
    expect((await call(`/admin/forms/${id}/versions/9/export`, { cookie })).status).toBe(404);
    expect((await postForm(`/admin/forms/${id}/versions/9/publish`, {}, { cookie })).status).toBe(404);
  });

  it('refuses an officer with 403', async () => {
    const admin = await signedIn();
    const id = await createForm(admin.cookie);
    const { cookie } = await signedIn('officer');
    const before = await countRows('forms');
    expect((await call('/admin/forms', { cookie })).status).toBe(403);
    expect((await postForm('/admin/forms', { source: 'satisfaction' }, { cookie })).status).toBe(403);
    expect((await call(`/admin/forms/${id}/versions/1/preview`, { cookie })).status).toBe(403);
    expect((await call(`/admin/forms/${id}/versions/1/export`, { cookie })).status).toBe(403);
    expect((await postForm(`/admin/forms/${id}/versions/1/publish`, {}, { cookie })).status).toBe(403);
    expect(await countRows('forms')).toBe(before);
    expect((await versionsOf(id))[0]?.status).toBe('draft');
  });
});
